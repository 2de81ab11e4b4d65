"""The transactions filter: a date range, text to search for, and a page number."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms

from partnership.cards.periods import days_before, within_years
from partnership.core import clock
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
