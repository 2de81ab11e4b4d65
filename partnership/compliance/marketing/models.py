"""The marketing-export guard's records (P8): who may receive exports, and what was sent.

A recipient is a registered company; only one flagged as a Partnership company may
receive a marketing export. An export row says who asked, for which recipient and
channel, how many customers and when. Which customers it included is one
``MarketingExportMember`` row each — their id only, never their names or contact
details (the CSV is regenerated from the ids when downloaded). A row per person is
what lets their subject access export list the exports that included them, their
erasure delete it (and ``erasure_replay`` delete it again after a restore), and
retention age it out.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from partnership.core.text import validate_single_line

COMPANY_NAME_MAX = 200
CONTACT_MAX = 300


class ExportChannel(models.TextChoices):
    """The same values as ``accounts.MarketingChannel`` (privacy cannot import accounts)."""

    POST = "post", "Post"
    EMAIL = "email", "E-mail"
    PHONE = "phone", "Phone"
    SMS = "sms", "Text message (SMS)"


# Only the fields each channel needs: nothing else leaves the bank. The CSV's columns,
# and what a customer's subject access export says was shared.
CHANNEL_COLUMNS: dict[str, tuple[str, ...]] = {
    ExportChannel.EMAIL: ("Name", "E-mail"),
    ExportChannel.POST: ("Name", "Postal address", "Postcode"),
    ExportChannel.PHONE: ("Name", "Phone"),
    ExportChannel.SMS: ("Name", "Phone"),
}


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
        db_table = "privacy_marketingrecipient"  # its name from the privacy app: no data moved
        ordering = ["company_name", "pk"]

    def __str__(self) -> str:
        return f"marketing recipient {self.pk}"


class MarketingExport(models.Model):
    recipient = models.ForeignKey(
        MarketingRecipient, on_delete=models.PROTECT, related_name="exports"
    )
    channel = models.CharField(max_length=10, choices=ExportChannel.choices)
    # How many opted-in customers it held when made; stays after members are erased.
    customer_count = models.PositiveIntegerField()
    staff_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        db_table = "privacy_marketingexport"  # its name from the privacy app: no data moved
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"marketing export {self.pk} ({self.channel})"


class MarketingExportMember(models.Model):
    """One opted-in customer included in one export, by id."""

    export = models.ForeignKey(MarketingExport, on_delete=models.CASCADE, related_name="members")
    # Indexed by the constraint below, which starts with it.
    customer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", db_index=False
    )

    class Meta:
        db_table = "privacy_marketingexportmember"  # its name from the privacy app: no data moved
        constraints = [
            models.UniqueConstraint(
                fields=["customer", "export"], name="privacy_marketing_member_once"
            )
        ]

    def __str__(self) -> str:
        return f"marketing export member {self.pk}"
