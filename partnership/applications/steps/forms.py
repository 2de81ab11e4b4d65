"""One form per step. Each says which application column each of its fields fills
(``columns``): the data inventory states the purpose and retention of every column,
and a test fails for a field without one (data minimisation).

A step's answers are kept in the draft as the form's own canonical strings
(``answers()``), so the submission validates every step again from the draft.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, ClassVar

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator

from partnership.applications.models import EMAIL_MAX, EmploymentStatus, HousingStatus
from partnership.applications.steps.fields import (
    INPUT_MAX,
    MoneyField,
    MonthField,
    NameField,
    PostcodeField,
    too_long,
    yes_no,
)
from partnership.compliance.complaints.forms import EmailAddressField, MultiLineTextField, TextField
from partnership.core import clock
from partnership.core.forms import StrictBooleanField
from partnership.core.text import UNREADABLE_MESSAGE

DATE_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%d %m %Y", "%Y-%m-%d"]
ADULT_AGE = 18
OLDEST_AGE = 120
ADDRESS_YEARS = 3
ADDRESS_SLOTS = (1, 2, 3)


class StepForm(forms.Form):
    columns: ClassVar[dict[str, str]] = {}
    radio_fields: ClassVar[frozenset[str]] = frozenset()
    checkbox_fields: ClassVar[frozenset[str]] = frozenset()

    def __init__(
        self,
        data: Any = None,
        *,
        initial: dict[str, Any] | None = None,
        unreadable: frozenset[str] = frozenset(),
    ) -> None:
        self.unreadable = unreadable & set(self.base_fields)
        if data is not None and self.unreadable:
            data = data.copy()
            for name in self.unreadable:
                data[name] = ""
        super().__init__(data, initial=initial)
        for name, field in self.fields.items():
            field.widget.attrs["aria-describedby"] = f"id_{name}_hint"

    def full_clean(self) -> None:
        super().full_clean()
        for name in self.unreadable:
            self.cleaned_data.pop(name, None)
            self.errors[name] = self.error_class([UNREADABLE_MESSAGE], renderer=self.renderer)
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["aria-invalid"] = "true"
                widget.attrs["aria-describedby"] = f"id_{name}_error id_{name}_hint"

    def answers(self) -> dict[str, str]:
        """The cleaned answers as strings this form accepts again."""
        assert self.is_valid()
        out: dict[str, str] = {}
        for name in self.fields:
            value = self.cleaned_data.get(name)
            if isinstance(value, bool):
                out[name] = "on" if value else ""
            elif isinstance(value, dt.date):
                out[name] = value.strftime("%m/%Y" if name.startswith("since_") else "%d/%m/%Y")
            elif value is None:
                out[name] = ""
            else:
                out[name] = str(value)
        return out


class EligibilityForm(StepForm):
    age_18_or_over = yes_no(required_message="Tell us whether you are 18 or over.")
    uk_resident = yes_no(required_message="Tell us whether you live in the UK.")
    bankrupt = yes_no(required_message="Tell us whether you are bankrupt.")
    columns: ClassVar[dict[str, str]] = {
        "age_18_or_over": "eligibility_confirmed",
        "uk_resident": "eligibility_confirmed",
        "bankrupt": "eligibility_confirmed",
    }
    radio_fields = frozenset(columns)

    def eligible(self) -> bool:
        data = self.cleaned_data
        return bool(
            data["age_18_or_over"] == "yes"
            and data["uk_resident"] == "yes"
            and data["bankrupt"] == "no"
        )


EligibilityForm.base_fields["age_18_or_over"].label = "Are you 18 or over?"
EligibilityForm.base_fields["uk_resident"].label = "Do you live in the UK permanently?"
EligibilityForm.base_fields[
    "bankrupt"
].label = "Are you bankrupt, or in a debt relief order or an individual voluntary arrangement?"


class PersonalForm(StepForm):
    first_name = NameField(
        label="First name", error_messages={"required": "Enter your first name."}
    )
    last_name = NameField(label="Last name", error_messages={"required": "Enter your last name."})
    date_of_birth = forms.CharField(
        label="Date of birth",
        help_text="For example, 27/03/1985.",
        max_length=20,
        error_messages={
            "required": "Enter your date of birth.",
            "max_length": "Enter your date of birth as DD/MM/YYYY, like 27/03/1985.",
        },
    )
    columns: ClassVar[dict[str, str]] = {
        "first_name": "first_name",
        "last_name": "last_name",
        "date_of_birth": "date_of_birth",
    }

    def clean_date_of_birth(self) -> dt.date:
        text = self.cleaned_data["date_of_birth"].strip()
        for date_format in DATE_FORMATS:
            try:
                born = dt.datetime.strptime(text, date_format).date()
                break
            except ValueError:
                continue
        else:
            raise ValidationError(
                "Enter a real date as DD/MM/YYYY, like 27/03/1985.", code="invalid_date"
            )
        today = clock.today_in_london()
        if born > today:
            raise ValidationError("Your date of birth must be in the past.", code="future")
        if _age(born, today) < ADULT_AGE:
            raise ValidationError("You must be 18 or over to apply.", code="under_18")
        if _age(born, today) > OLDEST_AGE:
            raise ValidationError("Check the year of your date of birth.", code="too_old")
        return born


def _age(born: dt.date, today: dt.date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


class AddressForm(StepForm):
    """Up to three addresses, newest first, together covering the last three years."""

    columns: ClassVar[dict[str, str]] = {
        f"{part}_{slot}": "address_history"
        for slot in ADDRESS_SLOTS
        for part in ("address", "postcode", "since")
    }

    def clean(self) -> dict[str, Any] | None:
        cleaned = super().clean()
        three_years_ago = _years_before(clock.today_in_london(), ADDRESS_YEARS)
        previous_since: dt.date | None = None
        for slot in ADDRESS_SLOTS:
            names = (f"address_{slot}", f"postcode_{slot}", f"since_{slot}")
            if any(name in self.errors for name in names):
                return cleaned
            values = [self.cleaned_data.get(name) for name in names]
            needed = slot == 1 or (previous_since is not None and previous_since > three_years_ago)
            if not any(values) and not needed:
                continue
            for name, value, what in zip(
                names, values, ("the address", "the postcode", "when you moved in"), strict=True
            ):
                if not value:
                    reason = (
                        ""
                        if slot == 1
                        else " You have lived at the address above for less "
                        "than 3 years, so we need the one before it."
                    )
                    self.add_error(name, f"Enter {what}.{reason}")
            if not all(values):
                return cleaned
            since = values[2]
            assert isinstance(since, dt.date)
            if previous_since is not None and since >= previous_since:
                self.add_error(
                    f"since_{slot}", "This must be before you moved to the address above."
                )
                return cleaned
            previous_since = since
        if previous_since is not None and previous_since > three_years_ago:
            self.add_error(
                "since_3",
                "These addresses cover less than 3 years. If you have moved more often, "
                "please call us to apply.",
            )
        return cleaned

    def history(self) -> list[dict[str, str]]:
        data = self.cleaned_data
        return [
            {
                "address": data[f"address_{slot}"],
                "postcode": data[f"postcode_{slot}"],
                "since": data[f"since_{slot}"].strftime("%Y-%m"),
            }
            for slot in ADDRESS_SLOTS
            if data.get(f"address_{slot}")
        ]


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


for _slot in ADDRESS_SLOTS:
    _which = ("Current", "Previous", "Earlier")[_slot - 1]
    AddressForm.base_fields[f"address_{_slot}"] = MultiLineTextField(
        label=f"{_which} address (house, street, town)",
        max_length=INPUT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 40}),
        error_messages={"max_length": too_long(INPUT_MAX)},
    )
    AddressForm.base_fields[f"postcode_{_slot}"] = PostcodeField(label="Postcode", required=False)
    AddressForm.base_fields[f"since_{_slot}"] = MonthField(
        label="Moved in (MM/YYYY)", required=False
    )
AddressForm.declared_fields = dict(AddressForm.base_fields)


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
    columns: ClassVar[dict[str, str]] = {
        "email": "email",
        "phone": "phone",
        "marketing_email": "marketing_email",
        "marketing_post": "marketing_post",
    }
    checkbox_fields = frozenset({"marketing_email", "marketing_post"})


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
    columns: ClassVar[dict[str, str]] = {
        "credit_search_consent": "credit_search_consent",
        "notice_read": "notice_read",
    }
    checkbox_fields = frozenset(columns)
