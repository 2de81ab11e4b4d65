"""The eligibility check's questions: the application's own fields, asked up front.

Each field is a copy of the step field it will fill if the visitor goes on to apply
(``CARRIED``), so it is checked exactly as the application checks it and its answer
drops into that step unchanged.
"""

from __future__ import annotations

import copy
from typing import Any

from django import forms

from partnership.applications.eligibility import EligibilityQuestions
from partnership.applications.steps import step_named
from partnership.core.forms import AccessibleForm

# step name → the fields of that step the check asks, in the order they are asked.
CARRIED: dict[str, tuple[str, ...]] = {
    "personal": ("first_name", "last_name", "date_of_birth"),
    "addresses": ("address_1", "postcode_1"),
    "employment": ("employment_status", "annual_income"),
    "outgoings": ("monthly_housing_cost", "monthly_credit_repayments", "existing_debt"),
}
REQUIRED = {
    "address_1": "Enter your address (house, street, town).",
    "postcode_1": "Enter your postcode.",
}


def _step_form(name: str) -> type[forms.Form]:
    step = step_named(name)
    assert step is not None, name
    return step.form


class EligibilityCheckForm(AccessibleForm):
    radio_fields = frozenset({"employment_status"})
    checkbox_fields: frozenset[str] = frozenset()

    def clean_date_of_birth(self) -> Any:
        # The application's own rule: a real past date, 18 or over.
        personal = _step_form("personal")
        return personal.clean_date_of_birth(self)  # type: ignore[attr-defined]

    def carried_answers(self) -> dict[str, dict[str, str]]:
        """The answers as each step's form accepts them again, keyed by step."""
        assert self.is_valid()
        data = self.cleaned_data
        out: dict[str, dict[str, str]] = {}
        for step, names in CARRIED.items():
            out[step] = {name: _as_text(name, data[name]) for name in names}
        return out

    def questions(self) -> EligibilityQuestions:
        assert self.is_valid()
        data = self.cleaned_data
        return EligibilityQuestions(
            first_name=data["first_name"],
            last_name=data["last_name"],
            date_of_birth=data["date_of_birth"],
            postcode=data["postcode_1"],
            annual_income=data["annual_income"],
            monthly_housing_cost=data["monthly_housing_cost"],
            monthly_credit_repayments=data["monthly_credit_repayments"],
            existing_debt=data["existing_debt"],
        )


def _as_text(name: str, value: Any) -> str:
    if name == "date_of_birth":
        return str(value.strftime("%d/%m/%Y"))
    return str(value)


for _step, _names in CARRIED.items():
    for _name in _names:
        _field = copy.deepcopy(_step_form(_step).base_fields[_name])
        if _name in REQUIRED:
            _field.required = True
            _field.error_messages["required"] = REQUIRED[_name]
        EligibilityCheckForm.base_fields[_name] = _field
EligibilityCheckForm.base_fields["address_1"].label = "Your address (house, street, town)"
EligibilityCheckForm.declared_fields = dict(EligibilityCheckForm.base_fields)
