"""A complaint as received through the electronic complaints form.

The complainant's words and contact details live in encrypted fields; they are found
again only through the keyed blind index of the e-mail address (for the subject
access export and erasure), never by a search of the text.
"""

from __future__ import annotations

from django.core.validators import validate_email
from django.db import models

from partnership.core.text import validate_multi_line, validate_single_line
from partnership.crypto.fields import EncryptedModel, EncryptedTextField

NAME_MAX = 200
EMAIL_MAX = 254
PHONE_MAX = 32
DETAILS_MAX = 5000
# Crockford's base 32: no I, L, O or U, so a reference read aloud is not misheard.
REFERENCE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
REFERENCE_PREFIX = "CMP-"
REFERENCE_LENGTH = 10
EMAIL_INDEX_PURPOSE = "privacy.complaint.email"
ACKNOWLEDGE_WITHIN_DAYS = 30


class ComplaintTopic(models.TextChoices):
    CARD_ACCOUNT = "card_account", "My card account"
    APPLICATION = "application", "An application for the card"
    PERSONAL_INFORMATION = "personal_information", "How you used my personal information"
    MARKETING = "marketing", "Marketing I received"
    WEBSITE = "website", "This website"
    OTHER = "other", "Something else"


class ReplyPreference(models.TextChoices):
    EMAIL = "email", "By e-mail"
    PHONE = "phone", "By phone"


class ComplaintStatus(models.TextChoices):
    RECEIVED = "received", "Received"
    ACKNOWLEDGED = "acknowledged", "Acknowledged"
    CLOSED = "closed", "Closed"


class ComplaintOutcome(models.TextChoices):
    UPHELD = "upheld", "Upheld"
    PARTLY_UPHELD = "partly_upheld", "Partly upheld"
    NOT_UPHELD = "not_upheld", "Not upheld"


STEPS_MAX = 5000


class Complaint(EncryptedModel):
    # Encrypted values stay bound to the label the model had (crypto/fields.py).
    encrypted_as = "privacy.complaint"

    reference = models.CharField(max_length=len(REFERENCE_PREFIX) + REFERENCE_LENGTH, unique=True)
    name = EncryptedTextField(max_length=NAME_MAX, validators=[validate_single_line])
    email = EncryptedTextField(
        max_length=EMAIL_MAX, validators=[validate_single_line, validate_email]
    )
    email_index = models.CharField(max_length=64, db_index=True)
    phone = EncryptedTextField(
        max_length=PHONE_MAX, blank=True, default="", validators=[validate_single_line]
    )
    topic = models.CharField(max_length=32, choices=ComplaintTopic.choices)
    details = EncryptedTextField(max_length=DETAILS_MAX, validators=[validate_multi_line])
    reply_preference = models.CharField(max_length=16, choices=ReplyPreference.choices)
    received_at = models.DateTimeField(db_index=True)
    # Europe/London date by which the complaint must be acknowledged.
    acknowledge_by = models.DateField()
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(
        max_length=16, choices=ComplaintStatus.choices, default=ComplaintStatus.RECEIVED
    )
    # The outcome (Data (Use and Access) Act 2025): what we decided, when, and the steps
    # we took to look into it, as told to the complainant in the outcome message.
    outcome = models.CharField(
        max_length=16, choices=ComplaintOutcome.choices, blank=True, default=""
    )
    outcome_at = models.DateTimeField(null=True, blank=True)
    # Null until the complaint is closed (an encrypted column takes no default).
    steps_taken = EncryptedTextField(
        max_length=STEPS_MAX, null=True, blank=True, validators=[validate_multi_line]
    )
    # The one-time token of the form that sent it: a resubmitted form finds this row.
    submission_key = models.CharField(max_length=64, unique=True)

    class Meta:
        db_table = "privacy_complaint"  # its name from the privacy app: no data moved
        ordering = ["-received_at"]

    def __str__(self) -> str:
        # Never personal data: this string can reach logs.
        return self.reference
