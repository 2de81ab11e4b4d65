"""The forms of the first steps: eligibility, about you, addresses."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from django import forms
from django.core.exceptions import ValidationError

from partnership.applications.steps.fields import (
    INPUT_MAX,
    MonthField,
    NameField,
    PostcodeField,
    too_long,
    yes_no,
)
from partnership.applications.steps.step_form import StepForm
from partnership.compliance.complaints.forms import MultiLineTextField
from partnership.core import clock

DATE_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%d %m %Y", "%Y-%m-%d"]
ADULT_AGE = 18
OLDEST_AGE = 120
ADDRESS_YEARS = 3
ADDRESS_SLOTS = (1, 2, 3)


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
