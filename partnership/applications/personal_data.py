"""What the data inventory and the retention engine know about card applications.

Every column that a step's form fills has a ``PersonalField`` (``personal_fields.py``):
its purpose is the text the form shows beside it, and the collection notice is made
from this entry.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.conf import settings
from django.db.models import QuerySet

from partnership.applications.agreement import FILENAME, agreement_application, agreement_pdf
from partnership.applications.models import (
    EMAIL_INDEX_PURPOSE,
    Application,
    ApplicationDraft,
    Outcome,
)
from partnership.applications.personal_fields import DRAFT_FIELDS, FIELDS
from partnership.privacy import export, inventory, retention
from partnership.privacy.erase_rows import erase_unless_held
from partnership.privacy.inventory import ErasureOutcome, InventoryEntry, LegalHold
from partnership.privacy.subjects import DataSubject

CATEGORY = "applications"
DRAFT_CATEGORY = "application_drafts"
RETENTION_RULE = "applications"
DRAFT_RULE = "application-drafts"
DRAFT_PERIOD = dt.timedelta(days=30)
DEFAULT_DECLINED_DAYS = 365


def declined_period() -> dt.timedelta:
    """Declined and referred applications: ``APPLICATION_DECLINED_RETENTION_DAYS`` (365)."""
    return dt.timedelta(
        days=int(getattr(settings, "APPLICATION_DECLINED_RETENTION_DAYS", DEFAULT_DECLINED_DAYS))
    )


HOLD_CUSTOMER = LegalHold(
    name="application-customer-record",
    law=(
        "Consumer Credit Act 1974 (the credit agreement) and Money Laundering Regulations "
        "2017, reg. 40 (the checks behind it)"
    ),
    period="as long as the customer record the application created is kept",
)


def _for_subject(subject: DataSubject) -> QuerySet[Application]:
    index = subject.email_index(purpose=EMAIL_INDEX_PURPOSE)
    return Application.objects.filter(email_index=index).order_by("submitted_at")


def application_export(subject: DataSubject) -> list[dict[str, Any]]:
    from partnership.applications.decision.reasons import Reason

    out = []
    for application in _for_subject(subject):
        out.append(
            {
                "reference": application.reference,
                "submitted_at": application.submitted_at,
                "first_name": application.first_name,
                "last_name": application.last_name,
                "date_of_birth": application.date_of_birth,
                "addresses": json.loads(application.address_history),
                "employment_status": application.employment_status,
                "annual_income": application.annual_income,
                "housing_status": application.housing_status,
                "monthly_housing_cost": application.monthly_housing_cost,
                "monthly_credit_repayments": application.monthly_credit_repayments,
                "existing_debt": application.existing_debt,
                "email": application.email,
                "phone": application.phone,
                "marketing_email": application.marketing_email,
                "marketing_post": application.marketing_post,
                "statements_paperless": application.statements_paperless,
                "credit_search_consent": application.credit_search_consent,
                "precontract_read": application.precontract_read,
                "precontract_version": application.precontract_version,
                "decision": {
                    "outcome": application.outcome,
                    "automated": True,
                    "decided_at": application.decided_at,
                    "rules_version": application.rules_version,
                    "reasons": [
                        {"code": code, "explanation": Reason(code).explanation}
                        for code in application.reasons
                    ],
                    "credit_search_reference": application.agency_reference,
                    "credit_score": application.agency_score,
                    "credit_limit": application.credit_limit,
                    "apr": application.apr,
                },
            }
        )
    return out


def application_erase(subject: DataSubject) -> ErasureOutcome:
    """Erase applications that created no customer; an approved one stays with the
    customer record (deleted with it)."""
    return erase_unless_held(
        _for_subject(subject).select_for_update(),
        lambda application: None if application.customer_id is None else HOLD_CUSTOMER,
    )


def draft_export(subject: DataSubject) -> list[dict[str, Any]]:
    # Drafts are found only through the reference the applicant holds, never by person:
    # they hold no look-up key, and expire after 30 days.
    return []


def draft_erase(subject: DataSubject) -> ErasureOutcome:
    return ErasureOutcome()


def applications_not_kept_by_customer(queryset: QuerySet[Any]) -> QuerySet[Any]:
    return queryset.filter(customer__isnull=True)


ENTRY = InventoryEntry(
    model=Application,
    category=CATEGORY,
    description=(
        "Applications for the card: what you told us, the credit search and the automated "
        "decision with its reasons."
    ),
    fields=FIELDS,
    retention_rule=RETENTION_RULE,
    legal_holds=(HOLD_CUSTOMER,),
    export=application_export,
    erase=application_erase,
)

DRAFT_ENTRY = InventoryEntry(
    model=ApplicationDraft,
    category=DRAFT_CATEGORY,
    description=(
        "An application you started but have not sent, kept so you can go back and change "
        "answers; it is not linked to you by name and is deleted 30 days after your last change."
    ),
    fields=DRAFT_FIELDS,
    retention_rule=DRAFT_RULE,
    export=draft_export,
    erase=draft_erase,
)

RULE = retention.TableRule(
    name=RETENTION_RULE,
    description=(
        "Declined and referred applications: 12 months from the decision (so we can answer "
        "questions and complaints about it), then deleted. Approved applications stay with "
        "the customer record they created and are deleted with it."
    ),
    queryset=lambda: Application.objects.filter(outcome__in=[Outcome.DECLINED, Outcome.REFERRED]),
    aged_by="decided_at",
    period=declined_period,
    exclude_held=applications_not_kept_by_customer,
)

DRAFT_RETENTION = retention.TableRule(
    name=DRAFT_RULE,
    description="Unsent applications: 30 days after the last change, then deleted.",
    queryset=ApplicationDraft.objects.all,
    aged_by="updated_at",
    period=DRAFT_PERIOD,
)


def agreement_files(subject: DataSubject) -> dict[str, bytes]:
    """The credit agreement, drawn as the customer area serves it, beside ``data.json``."""
    if subject.user_id is None:
        return {}
    application = agreement_application(customer_id=subject.user_id)
    return {} if application is None else {FILENAME: agreement_pdf(application=application)}


def register() -> None:
    export.register_files(export.ExportFiles("credit-agreement", agreement_files))
    inventory.register(ENTRY)
    inventory.register(DRAFT_ENTRY)
    retention.register(RULE)
    retention.register(DRAFT_RETENTION)
