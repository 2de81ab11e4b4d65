from __future__ import annotations

import uuid
from typing import ClassVar

from django.conf import settings
from django.db import models

from partnership.accounts.staff_access import AccessReason
from partnership.backoffice.access import PERMISSIONS
from partnership.core.text import validate_multi_line
from partnership.crypto.fields import EncryptedModel, EncryptedTextField

REASON_TEXT_MAX = 1000
CASE_REFERENCE_MAX = 40
CALL_NOTES_MAX = 4000


class StaffAccess(models.Model):
    """No table: the holder of the back office's permissions (``backoffice.<codename>``)."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = tuple(PERMISSIONS.items())

    def __str__(self) -> str:
        return "staff access"


class AccessGrant(EncryptedModel):
    """One member of staff may see one customer's personal data, for a stated reason,
    until ``expires_at`` (30 minutes). The free text may mention people: encrypted."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="access_grants_held"
    )
    customer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="access_grants"
    )
    reason_category = models.CharField(max_length=32, choices=AccessReason.choices)
    reason_text = EncryptedTextField(max_length=REASON_TEXT_MAX, validators=[validate_multi_line])
    # A call or case reference: letters, digits and hyphens only, so never personal data.
    case_reference = models.CharField(max_length=CASE_REFERENCE_MAX, blank=True, default="")
    # The team (role slug) the member of staff acted for, as the customer is told.
    team = models.CharField(max_length=32)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"access grant {self.pk}"


class CallDirection(models.TextChoices):
    INBOUND = "in", "Customer called us"
    OUTBOUND = "out", "We called the customer"


class CallReason(models.TextChoices):
    ACCOUNT_QUESTION = "account_question", "A question about the account"
    CARD_PAYMENT = "card_payment", "Paying by card over the phone"
    LOST_OR_STOLEN = "lost_or_stolen", "Lost or stolen card"
    FRAUD = "fraud", "Suspected fraud"
    COMPLAINT = "complaint", "A complaint"
    PRIVACY = "privacy", "A privacy question or request"
    OTHER = "other", "Something else"


class CallRecord(EncryptedModel):
    """A phone call with a customer (DESIGN P14): whether it was recorded, and, when the
    customer paid by card, the agent's confirmation that recording was paused while the
    card security code was given (PCI DSS 3.3.2: it must never be recorded)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    customer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="call_records"
    )
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="calls_taken"
    )
    # The grant it was recorded under; grants are deleted sooner than calls are.
    grant = models.ForeignKey(
        AccessGrant, on_delete=models.SET_NULL, null=True, blank=True, related_name="calls"
    )
    occurred_at = models.DateTimeField(db_index=True)
    direction = models.CharField(max_length=3, choices=CallDirection.choices)
    reason = models.CharField(max_length=32, choices=CallReason.choices)
    recorded = models.BooleanField()
    recording_reference = models.CharField(max_length=CASE_REFERENCE_MAX, blank=True, default="")
    card_payment = models.BooleanField(default=False)
    recording_paused_for_security_code = models.BooleanField(default=False)
    notes = EncryptedTextField(
        max_length=CALL_NOTES_MAX, blank=True, default="", validators=[validate_multi_line]
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering: ClassVar[list[str]] = ["-occurred_at"]

    def __str__(self) -> str:
        return f"call {self.pk}"
