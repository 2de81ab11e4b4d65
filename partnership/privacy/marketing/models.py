"""The marketing-export guard's records (P8): who may receive exports, and what was sent.

A recipient is a registered company; only one flagged as a Partnership company may
receive a marketing export. An export row says who asked, for which recipient and
channel, how many customers and when — and holds the customers' ids only, never their
names or contact details (the CSV is regenerated from the ids when downloaded).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from partnership.privacy.text import validate_single_line

COMPANY_NAME_MAX = 200
CONTACT_MAX = 300


class ExportChannel(models.TextChoices):
    """The same values as ``accounts.MarketingChannel`` (privacy cannot import accounts)."""

    POST = "post", "Post"
    EMAIL = "email", "E-mail"
    PHONE = "phone", "Phone"
    SMS = "sms", "Text message (SMS)"


class ExportRefusal(models.TextChoices):
    """Why an export was refused: recorded in the audit event, never as a row here."""

    NOT_PARTNERSHIP = "not_partnership", "The recipient is not a Partnership company"
    UNKNOWN_RECIPIENT = "unknown_recipient", "There is no such recipient"
    NOT_PERMITTED = "not_permitted", "You may not run marketing exports"


class MarketingRecipient(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    company_name = models.CharField(max_length=COMPANY_NAME_MAX, validators=[validate_single_line])
    # Only compliance officers and administrators may set or change this flag
    # (``recipient_flag_set``), and every change is audited.
    is_partnership_company = models.BooleanField(default=False)
    # How we reach the company: a team mailbox or department, never a named person, so
    # this table holds no personal data (and needs no entry in the data inventory).
    contact = models.CharField(max_length=CONTACT_MAX, validators=[validate_single_line])
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["company_name", "pk"]

    def __str__(self) -> str:
        return f"marketing recipient {self.pk}"


class MarketingExport(models.Model):
    recipient = models.ForeignKey(
        MarketingRecipient, on_delete=models.PROTECT, related_name="exports"
    )
    channel = models.CharField(max_length=10, choices=ExportChannel.choices)
    customer_count = models.PositiveIntegerField()
    # The opted-in customers' ids (strings) at the time of the export; ids only.
    customer_ids = models.JSONField(default=list)
    staff_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"marketing export {self.pk} ({self.channel})"
