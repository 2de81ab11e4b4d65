"""The forms of the later steps: work and income, home and outgoings, contact details,
check your answers, declarations. The earlier ones are in ``identity_forms.py``; what
every step's form is, in ``step_form.py``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar

from django import forms
from django.core.validators import RegexValidator

from partnership.applications.models import (
    EMAIL_MAX,
    EmploymentStatus,
    HousingStatus,
    StatementChoice,
)
from partnership.applications.steps.fields import MoneyField, too_long
from partnership.applications.steps.step_form import StepForm
from partnership.compliance.complaints.forms import EmailAddressField, TextField
from partnership.core.forms import StrictBooleanField


class EmploymentForm(StepForm):
    employment_status = forms.ChoiceField(
        label="Employment status",
        choices=EmploymentStatus.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose your employment status.",
            "invalid_choice": "Choose one of the listed options.",
        },
    )
    annual_income = MoneyField(
        label="Yearly income before tax (£)",
        maximum=Decimal("10000000"),
        error_messages={"required": "Enter your yearly income before tax, or 0."},
    )
    columns: ClassVar[dict[str, str]] = {
        "employment_status": "employment_status",
        "annual_income": "annual_income",
    }
    radio_fields = frozenset({"employment_status"})


class OutgoingsForm(StepForm):
    housing_status = forms.ChoiceField(
        label="Your home",
        choices=HousingStatus.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose how you live.",
            "invalid_choice": "Choose one of the listed options.",
        },
    )
    monthly_housing_cost = MoneyField(
        label="Your share of rent or mortgage each month (£)",
        maximum=Decimal("1000000"),
        error_messages={"required": "Enter your monthly rent or mortgage, or 0."},
    )
    monthly_credit_repayments = MoneyField(
        label="Loan and card repayments each month (£)",
        maximum=Decimal("1000000"),
        error_messages={"required": "Enter your monthly loan and card repayments, or 0."},
    )
    existing_debt = MoneyField(
        label="Total you owe on loans and cards (£), not your mortgage",
        maximum=Decimal("100000000"),
        error_messages={"required": "Enter what you owe on loans and cards, or 0."},
    )
    columns: ClassVar[dict[str, str]] = {
        name: name
        for name in (
            "housing_status",
            "monthly_housing_cost",
            "monthly_credit_repayments",
            "existing_debt",
        )
    }
    radio_fields = frozenset({"housing_status"})


_uk_phone = RegexValidator(
    r"^(?:\+44\s?|0)(?:[0-9]\s?-?){9,10}$",
    "Enter a UK phone number, like 07700 900123 or +44 7700 900123.",
)


class ContactForm(StepForm):
    email = EmailAddressField(
        label="E-mail address",
        max_length=EMAIL_MAX,
        error_messages={
            "required": "Enter your e-mail address.",
            "invalid": "Enter an e-mail address in the form name@example.com.",
            "max_length": too_long(EMAIL_MAX),
        },
    )
    phone = TextField(
        label="Phone number",
        max_length=32,
        validators=[_uk_phone],
        error_messages={"required": "Enter your phone number.", "max_length": too_long(32)},
    )
    marketing_email = StrictBooleanField(
        label="Yes, send me offers from the Partnership by e-mail", required=False
    )
    marketing_post = StrictBooleanField(
        label="Yes, send me offers from the Partnership by post", required=False
    )
    statements = forms.ChoiceField(
        label="How would you like your monthly statements?",
        choices=StatementChoice.choices,
        widget=forms.RadioSelect,
        help_text="You can change this at any time once you have signed in.",
        error_messages={
            "required": "Choose paperless or paper statements.",
            "invalid_choice": "Choose paperless or paper statements.",
        },
    )
    columns: ClassVar[dict[str, str]] = {
        "email": "email",
        "phone": "phone",
        "marketing_email": "marketing_email",
        "marketing_post": "marketing_post",
        "statements": "statements_paperless",
    }
    checkbox_fields = frozenset({"marketing_email", "marketing_post"})
    radio_fields = frozenset({"statements"})


class ReviewForm(StepForm):
    """Nothing to type: the applicant reads their answers and goes on."""


class DeclarationsForm(StepForm):
    credit_search_consent = StrictBooleanField(
        label=(
            "I agree to a search of my credit file with a credit reference agency. It will "
            "be visible to other lenders."
        ),
        error_messages={
            "required": "Tick to agree to the credit search: we cannot decide without it."
        },
    )
    notice_read = StrictBooleanField(
        label="I have read how my information will be used (the notice on this page).",
        error_messages={"required": "Tick to confirm you have read how we use your information."},
    )
    precontract_read = StrictBooleanField(
        label=(
            "I have read the pre-contract credit information and the explanation of the "
            "card on this page, and had the chance to ask about them."
        ),
        error_messages={
            "required": (
                "Tick to confirm you have read the pre-contract credit information and the "
                "explanation of the card."
            )
        },
    )
    columns: ClassVar[dict[str, str]] = {
        "credit_search_consent": "credit_search_consent",
        "notice_read": "notice_read",
        "precontract_read": "precontract_read",
    }
    checkbox_fields = frozenset(columns)
