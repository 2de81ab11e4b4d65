"""The transactions filter: a date range, text to search for, and a page number."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms

from partnership.cards.periods import days_before, within_years
from partnership.core import clock
from partnership.core.forms import AccessibleForm
from partnership.core.text import validate_readable, validate_single_line

DEFAULT_DAYS = 90
MAX_YEARS = 2
SEARCH_MAX_LENGTH = 100
DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]
DATE_MESSAGE = "Enter a real date, for example 2026-03-31 or 31/03/2026."


def _date_field(label: str, help_text: str) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        input_formats=DATE_FORMATS,
        help_text=help_text,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": DATE_MESSAGE},
    )


class TransactionFilterForm(forms.Form):
    """``?from=…&to=…&q=…&page=…``. ``from`` and ``to`` are Python keywords, hence
    fields added by name in ``__init__``."""

    def __init__(self, *args: Any, today: dt.date | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today or clock.today_in_london()
        self.fields["from"] = _date_field("From", "The earliest day to show.")
        self.fields["to"] = _date_field(
            "To", f"The latest day to show; at most {MAX_YEARS} years after the first."
        )
        self.fields["q"] = forms.CharField(
            label="Description contains",
            required=False,
            max_length=SEARCH_MAX_LENGTH,
            help_text="Part of a shop's name, for example “grocer”.",
            validators=[validate_readable, validate_single_line],
            error_messages={
                "max_length": f"Search for at most {SEARCH_MAX_LENGTH} characters.",
            },
        )
        self.fields["page"] = forms.IntegerField(
            label="Page",
            required=False,
            min_value=1,
            error_messages={
                "invalid": "Enter a page number, such as 2.",
                "min_value": "Page numbers start at 1.",
            },
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.errors:
            return cleaned
        date_to: dt.date | None = cleaned.get("to")
        date_from: dt.date | None = cleaned.get("from")
        if date_to is None:
            date_to = max(self.today, date_from) if date_from else self.today
        if date_from is None:
            date_from = days_before(date_to, DEFAULT_DAYS - 1)
        if date_from > date_to:
            self.add_error("from", "The first day must be on or before the last day.")
        elif not within_years(first=date_from, last=date_to, years=MAX_YEARS):
            self.add_error("from", f"Choose a range of at most {MAX_YEARS} years.")
        cleaned["from"] = date_from
        cleaned["to"] = date_to
        cleaned["page"] = cleaned.get("page") or 1
        return cleaned


class CardActivateForm(AccessibleForm):
    """What is printed on the new card: its last four digits and its expiry date."""

    last4 = forms.CharField(
        label="Last four digits of the card number",
        help_text="The four digits at the end of the long number on the card.",
        max_length=4,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        error_messages={"required": "Enter the last four digits of the card number."},
    )
    expiry = forms.CharField(
        label="Expiry date",
        help_text="As printed on the card, month and year: for example 09/29.",
        max_length=7,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        error_messages={"required": "Enter the expiry date printed on the card."},
    )

    def clean_last4(self) -> str:
        value: str = self.cleaned_data["last4"].strip()
        if len(value) != 4 or not value.isascii() or not value.isdigit():
            raise forms.ValidationError("Enter exactly four digits, for example 1234.")
        return value

    def clean_expiry(self) -> tuple[int, int]:
        month_text, _, year_text = self.cleaned_data["expiry"].strip().partition("/")
        digits = month_text + year_text
        if not (digits.isascii() and digits.isdigit()) or len(year_text) not in (2, 4):
            raise forms.ValidationError("Enter the month and year as MM/YY, for example 09/29.")
        month, year = int(month_text), int(year_text)
        if not 1 <= month <= 12 or len(month_text) not in (1, 2):
            raise forms.ValidationError("The month must be from 01 to 12.")
        return month, year if len(year_text) == 4 else 2000 + year


class CardLostForm(AccessibleForm):
    """Report a card lost or stolen: which, any transactions not the customer's, and
    where the replacement goes (the address on file, or a new one with a code)."""

    hint_for_every_field = False

    reason = forms.ChoiceField(
        label="What happened to your card?",
        choices=(("lost", "I have lost it"), ("stolen", "It was stolen")),
        widget=forms.RadioSelect,
        error_messages={"required": "Tell us whether the card was lost or stolen."},
    )
    not_mine = forms.MultipleChoiceField(
        label="Transactions that are not yours",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose only from the transactions listed."},
    )
    address = forms.ChoiceField(
        label="Where should we send your new card?",
        choices=(("on_file", "To the address shown"), ("new", "To a new address")),
        widget=forms.RadioSelect,
        error_messages={"required": "Choose where we should send your new card."},
    )
    postal_address = forms.CharField(
        label="New address",
        required=False,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 4, "autocomplete": "street-address"}),
        help_text="Only if you chose a new address. This also becomes your address on file.",
    )
    postcode = forms.CharField(
        label="New postcode",
        required=False,
        max_length=10,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code"}),
    )
    code = forms.CharField(
        label="Code from your authenticator app",
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
        help_text="Only if you chose a new address: we ask again before an address changes.",
    )

    def __init__(self, *args: Any, transaction_choices: list[tuple[str, str]], **kw: Any):
        super().__init__(*args, **kw)
        self.fields["not_mine"].choices = transaction_choices  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("address") == "new":
            for name, message in (
                ("postal_address", "Enter the new address."),
                ("postcode", "Enter the new postcode."),
                ("code", "Enter the code from your authenticator app."),
            ):
                if not str(data.get(name, "")).strip():
                    self.add_error(name, message)
        return data
