"""A card application: the draft while it is typed, and the submitted application.

Both hold personal data in encrypted fields only. The draft is one encrypted JSON
document (the answers so far) plus which steps are done; the application has one
column per answer, so the data inventory can state a purpose for each.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from partnership.core import clock
from partnership.core.text import validate_single_line
from partnership.crypto.fields import (
    EncryptedDateField,
    EncryptedDecimalField,
    EncryptedModel,
    EncryptedTextField,
)

NAME_MAX = 100
EMAIL_MAX = 254
PHONE_MAX = 32
DRAFT_MAX = 60_000  # the JSON of every answer; far above what the forms allow
EMAIL_INDEX_PURPOSE = "applications.application.email"
APPLICANT_INDEX_PURPOSE = "applications.application.applicant"
REFERENCE_PREFIX = "APP-"
REFERENCE_LENGTH = 10
REFERENCE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


class EmploymentStatus(models.TextChoices):
    EMPLOYED = "employed", "Employed"
    SELF_EMPLOYED = "self_employed", "Self-employed"
    RETIRED = "retired", "Retired"
    STUDENT = "student", "Student"
    HOMEMAKER = "homemaker", "Looking after the home or family"
    UNEMPLOYED = "unemployed", "Not working"


class HousingStatus(models.TextChoices):
    OWNER = "owner", "I own my home outright"
    MORTGAGE = "mortgage", "I own my home with a mortgage"
    RENTING = "renting", "I rent"
    FAMILY = "family", "I live with family or friends"


class StatementChoice(models.TextChoices):
    """Asked on the contact step; the new customer's statement preference starts so."""

    PAPERLESS = "paperless", "Paperless: we e-mail you when a statement is ready to view online"
    PAPER = "paper", "Paper: we post each statement to your home address"


class Outcome(models.TextChoices):
    APPROVED = "approved", "Approved"
    DECLINED = "declined", "Declined"
    REFERRED = "referred", "Referred to our team"


class ApplicationDraft(EncryptedModel):
    """An application being typed. Found only through its signed reference."""

    answers = EncryptedTextField(max_length=DRAFT_MAX, default="{}")
    # Names of the steps completed, comma-separated (no personal data).
    completed = models.CharField(max_length=200, blank=True, default="")
    # The idempotency key the submission carries; the application stores it (unique).
    submission_key = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=clock.now, editable=False)
    updated_at = models.DateTimeField(default=clock.now, db_index=True)

    def __str__(self) -> str:
        return f"draft {self.pk}"


class Application(EncryptedModel):
    reference = models.CharField(max_length=len(REFERENCE_PREFIX) + REFERENCE_LENGTH, unique=True)
    idempotency_key = models.CharField(max_length=64, unique=True)
    submitted_at = models.DateTimeField(db_index=True)
    # Eligibility: the three answers are required to go on, so one flag records them.
    eligibility_confirmed = models.BooleanField(default=False)
    first_name = EncryptedTextField(max_length=NAME_MAX, validators=[validate_single_line])
    last_name = EncryptedTextField(max_length=NAME_MAX, validators=[validate_single_line])
    date_of_birth = EncryptedDateField()
    # JSON list of {"address", "postcode", "since"} covering three years, newest first.
    address_history = EncryptedTextField(max_length=4000)
    employment_status = EncryptedTextField(max_length=20, choices=EmploymentStatus.choices)
    annual_income = EncryptedDecimalField(max_digits=12, decimal_places=2)
    housing_status = EncryptedTextField(max_length=20, choices=HousingStatus.choices)
    monthly_housing_cost = EncryptedDecimalField(max_digits=10, decimal_places=2)
    monthly_credit_repayments = EncryptedDecimalField(max_digits=10, decimal_places=2)
    existing_debt = EncryptedDecimalField(max_digits=12, decimal_places=2)
    email = EncryptedTextField(max_length=EMAIL_MAX, validators=[validate_single_line])
    email_index = models.CharField(max_length=64, db_index=True)
    # Postcode and date of birth together: finds repeated applications by one person.
    applicant_index = models.CharField(max_length=64, db_index=True)
    phone = EncryptedTextField(max_length=PHONE_MAX, validators=[validate_single_line])
    marketing_email = models.BooleanField(default=False)
    marketing_post = models.BooleanField(default=False)
    # Null: drafted before the contact step asked (docs/alerts.md).
    statements_paperless = models.BooleanField(null=True, blank=True, default=None)
    credit_search_consent = models.BooleanField(default=False)
    notice_read = models.BooleanField(default=False)
    # The pre-contract credit information and the explanation of the card, read before
    # sending (CONC 4.2); which version of them: ``precontract.PRECONTRACT_VERSION``.
    precontract_read = models.BooleanField(default=False)
    precontract_version = models.CharField(max_length=20, blank=True, default="")
    # The decision: outcome plain (retention needs it), everything else encrypted.
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    reason_codes = EncryptedTextField(max_length=200)
    agency_reference = models.CharField(max_length=40)
    agency_score = EncryptedDecimalField(max_digits=4, decimal_places=0)
    credit_limit = EncryptedDecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    apr = EncryptedDecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    rules_version = models.CharField(max_length=20)
    decided_at = models.DateTimeField(db_index=True)
    # Approved: the customer it created. Their record carries it from then on.
    customer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="card_applications",
    )

    class Meta:
        ordering = ["-submitted_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(outcome="approved", customer__isnull=False)
                | ~models.Q(outcome="approved"),
                name="applications_approved_has_customer",
            )
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def reasons(self) -> list[str]:
        return [code for code in self.reason_codes.split(",") if code]
