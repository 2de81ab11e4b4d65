"""From the draft's answers to one typed ``ApplicationInput`` — every step checked again."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from partnership.applications.models import EmploymentStatus, HousingStatus, StatementChoice
from partnership.applications.steps import DATA_STEPS, Step
from partnership.applications.steps.identity_forms import AddressForm, EligibilityForm


@dataclass(frozen=True)
class AddressInput:
    address: str
    postcode: str
    since: str  # YYYY-MM


@dataclass(frozen=True)
class ApplicationInput:
    first_name: str
    last_name: str
    date_of_birth: dt.date
    addresses: tuple[AddressInput, ...]  # newest first, covering three years
    employment_status: EmploymentStatus
    annual_income: Decimal
    housing_status: HousingStatus
    monthly_housing_cost: Decimal
    monthly_credit_repayments: Decimal
    existing_debt: Decimal
    email: str
    phone: str
    marketing_email: bool
    marketing_post: bool
    statements_paperless: bool
    credit_search_consent: bool
    notice_read: bool
    precontract_read: bool


class StepNeedsAttention(ValueError):
    """A step's answers no longer pass (or are missing): send the applicant back there."""

    def __init__(self, step: Step) -> None:
        super().__init__(step.name)
        self.step = step


def application_input_from_answers(answers: dict[str, dict[str, str]]) -> ApplicationInput:
    cleaned: dict[str, Any] = {}
    addresses: list[dict[str, str]] = []
    for step in DATA_STEPS:
        form = step.form(answers.get(step.name, {}))
        if step.name not in answers or not form.is_valid():
            raise StepNeedsAttention(step)
        if isinstance(form, EligibilityForm) and not form.eligible():
            raise StepNeedsAttention(step)
        if isinstance(form, AddressForm):
            addresses = form.history()
        cleaned.update(form.cleaned_data)
    return ApplicationInput(
        first_name=cleaned["first_name"].strip(),
        last_name=cleaned["last_name"].strip(),
        date_of_birth=cleaned["date_of_birth"],
        addresses=tuple(AddressInput(**address) for address in addresses),
        employment_status=EmploymentStatus(cleaned["employment_status"]),
        annual_income=cleaned["annual_income"],
        housing_status=HousingStatus(cleaned["housing_status"]),
        monthly_housing_cost=cleaned["monthly_housing_cost"],
        monthly_credit_repayments=cleaned["monthly_credit_repayments"],
        existing_debt=cleaned["existing_debt"],
        email=cleaned["email"].strip(),
        phone=cleaned["phone"].strip(),
        marketing_email=bool(cleaned["marketing_email"]),
        marketing_post=bool(cleaned["marketing_post"]),
        statements_paperless=cleaned["statements"] == StatementChoice.PAPERLESS,
        credit_search_consent=bool(cleaned["credit_search_consent"]),
        notice_read=bool(cleaned["notice_read"]),
        precontract_read=bool(cleaned["precontract_read"]),
    )
