"""What the data inventory and the retention engine know about card applications.

Every column that a step's form fills has a ``PersonalField`` here: its purpose is
the text the form shows beside it, and the collection notice is made from this entry.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.conf import settings
from django.db.models import QuerySet

from partnership.applications.models import (
    EMAIL_INDEX_PURPOSE,
    Application,
    ApplicationDraft,
    Outcome,
)
from partnership.privacy import inventory, retention
from partnership.privacy.erase_rows import erase_unless_held
from partnership.privacy.inventory import (
    ErasureOutcome,
    InventoryEntry,
    LawfulBasis,
    LegalHold,
    PersonalField,
)
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

_CONTRACT = LawfulBasis.CONTRACT
_OBLIGATION = LawfulBasis.LEGAL_OBLIGATION
_INTERESTS = LawfulBasis.LEGITIMATE_INTERESTS
FIELDS = (
    PersonalField(
        "eligibility_confirmed",
        "Eligibility (18 or over, UK resident, not bankrupt)",
        "We can only lend to adults living in the UK who are not bankrupt.",
        _CONTRACT,
        encrypted=False,
    ),
    PersonalField(
        "first_name", "First name", "To identify you and search your credit file.", _CONTRACT, True
    ),
    PersonalField(
        "last_name", "Last name", "To identify you and search your credit file.", _CONTRACT, True
    ),
    PersonalField(
        "date_of_birth",
        "Date of birth",
        "To check you are 18 or over and to match your credit file.",
        _CONTRACT,
        True,
    ),
    PersonalField(
        "address_history",
        "Addresses for the last three years",
        "The credit reference agency matches your file by your addresses; the law also "
        "asks us to verify who you are (money-laundering checks).",
        _OBLIGATION,
        True,
    ),
    PersonalField(
        "employment_status",
        "Employment status",
        "To judge whether the card is affordable for you (FCA CONC 5.2A).",
        _OBLIGATION,
        True,
    ),
    PersonalField(
        "annual_income",
        "Yearly income",
        "To judge whether the card is affordable for you and set a credit limit.",
        _OBLIGATION,
        True,
    ),
    PersonalField(
        "housing_status",
        "Your home",
        "To judge your regular outgoings.",
        _OBLIGATION,
        True,
    ),
    PersonalField(
        "monthly_housing_cost",
        "Rent or mortgage each month",
        "To judge what is left each month to repay the card.",
        _OBLIGATION,
        True,
    ),
    PersonalField(
        "monthly_credit_repayments",
        "Loan and card repayments each month",
        "To judge what is left each month to repay the card.",
        _OBLIGATION,
        True,
    ),
    PersonalField(
        "existing_debt",
        "What you already owe",
        "Lending more to someone already heavily in debt would be irresponsible.",
        _OBLIGATION,
        True,
    ),
    PersonalField(
        "email",
        "E-mail address",
        "To send you the decision and, if approved, the link to set up your sign-in.",
        _CONTRACT,
        True,
    ),
    PersonalField(
        "email_index",
        "E-mail address (as a keyed code)",
        "To find your application when you ask for a copy of your data.",
        _OBLIGATION,
        False,
    ),
    PersonalField(
        "applicant_index",
        "Postcode and date of birth (as a keyed code)",
        "To notice several applications from one person in a short time (fraud prevention).",
        _INTERESTS,
        False,
    ),
    PersonalField(
        "phone",
        "Phone number",
        "So we can call you if we need to check something about your application.",
        _CONTRACT,
        True,
    ),
    PersonalField(
        "marketing_email",
        "Offers by e-mail",
        "Only if you tick it: offers from the Partnership by e-mail. Change it any time.",
        LawfulBasis.CONSENT,
        False,
    ),
    PersonalField(
        "marketing_post",
        "Offers by post",
        "Only if you tick it: offers from the Partnership by post. Change it any time.",
        LawfulBasis.CONSENT,
        False,
    ),
    PersonalField(
        "credit_search_consent",
        "Agreement to the credit search",
        "The record that you agreed to the search of your credit file.",
        _CONTRACT,
        False,
    ),
    PersonalField(
        "notice_read",
        "Notice read",
        "The record that you were told how we use your information.",
        _OBLIGATION,
        False,
    ),
    PersonalField(
        "outcome",
        "Decision",
        "The outcome of your application.",
        _CONTRACT,
        False,
    ),
    PersonalField(
        "reason_codes",
        "Reasons for the decision",
        "So we can explain the decision and a person can review it if you ask.",
        _CONTRACT,
        True,
    ),
    PersonalField(
        "agency_reference",
        "Credit search reference",
        "To trace the credit search if you question it.",
        _CONTRACT,
        False,
    ),
    PersonalField(
        "agency_score",
        "Credit score",
        "One input to the decision, from the credit reference agency.",
        _CONTRACT,
        True,
    ),
    PersonalField("credit_limit", "Credit limit", "The limit we offered.", _CONTRACT, True),
    PersonalField("apr", "APR", "The interest rate we offered.", _CONTRACT, True),
    PersonalField(
        "customer",
        "Your customer record",
        "Approved applications stay with the customer record they created.",
        _CONTRACT,
        False,
    ),
)

DRAFT_FIELDS = (
    PersonalField(
        "answers",
        "Your answers so far",
        "So you can go back, refresh or come back later without typing them again.",
        _CONTRACT,
        True,
    ),
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
                "credit_search_consent": application.credit_search_consent,
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


def register() -> None:
    inventory.register(ENTRY)
    inventory.register(DRAFT_ENTRY)
    retention.register(RULE)
    retention.register(DRAFT_RETENTION)
