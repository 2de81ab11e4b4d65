"""The processor register (P7): suppliers that handle personal data for us.

Each row says what the supplier does, which categories of personal data it handles,
where, under which transfer safeguard, and when it was last audited. The public
columns (service, categories, location, safeguard) are frozen into each privacy policy
version by ``policy/notice.py``; supplier names and audit findings stay internal.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models

from partnership.core.text import validate_multi_line, validate_single_line

SUPPLIER_MAX = 200
SERVICE_MAX = 200
COUNTRY_MAX = 60
FINDINGS_MAX = 5000
UNITED_KINGDOM = "United Kingdom"


class DataCategory(models.TextChoices):
    IDENTITY = "identity", "Name and date of birth"
    CONTACT = "contact", "Contact details (address, e-mail, phone)"
    CARD_ACCOUNT = "card_account", "Card account and transactions"
    CREDIT_CHECK = "credit_check", "Credit checks and application details"
    MARKETING = "marketing", "Marketing choices"
    ONLINE = "online", "Online identifiers (IP address, device)"
    COMMUNICATIONS = "communications", "Calls, letters and messages"


class TransferSafeguard(models.TextChoices):
    UK = "uk", "Processed in the UK"
    ADEQUACY = "adequacy", "UK adequacy regulations"
    IDTA = "idta", "International Data Transfer Agreement (IDTA)"
    ADDENDUM = "addendum", "UK Addendum to the EU Standard Contractual Clauses"
    NONE = "none", "None"


def validate_categories(value: object) -> None:
    if (
        not isinstance(value, list)
        or not value
        or len(set(value)) != len(value)
        or not set(value) <= set(DataCategory.values)
    ):
        raise ValidationError("Choose one or more of the listed data categories.")


class Processor(models.Model):
    supplier = models.CharField(max_length=SUPPLIER_MAX, validators=[validate_single_line])
    service = models.CharField(max_length=SERVICE_MAX, validators=[validate_single_line])
    data_categories = models.JSONField(validators=[validate_categories])
    country = models.CharField(max_length=COUNTRY_MAX, validators=[validate_single_line])
    safeguard = models.CharField(max_length=10, choices=TransferSafeguard.choices)
    contract_date = models.DateField()
    audit_due = models.DateField()
    audit_done = models.DateField(null=True, blank=True)
    findings = models.TextField(
        max_length=FINDINGS_MAX, blank=True, default="", validators=[validate_multi_line]
    )
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        db_table = "privacy_processor"  # its name from the privacy app: no data moved
        ordering = ["service", "supplier", "pk"]

    def __str__(self) -> str:
        return f"processor {self.pk}"

    def clean(self) -> None:
        in_uk = self.country.strip().casefold() == UNITED_KINGDOM.casefold()
        if in_uk and self.safeguard != TransferSafeguard.UK:
            raise ValidationError({"safeguard": "Data kept in the UK needs no transfer safeguard."})
        if not in_uk and self.safeguard == TransferSafeguard.UK:
            raise ValidationError({"safeguard": "Outside the UK, say which safeguard applies."})

    def audit_overdue(self, *, today: dt.date) -> bool:
        """Due before today and not done on or after the due date."""
        return self.audit_due < today and (
            self.audit_done is None or self.audit_done < self.audit_due
        )
