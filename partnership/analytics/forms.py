"""The range a statistics report covers: a preset, or the first and last day (UK days)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms

from partnership.analytics.reports import (
    MAX_SPAN_MONTHS,
    ReportRange,
    range_last_days,
    range_last_months,
    range_problem,
)

CUSTOM = "custom"
DEFAULT_PERIOD = "30d"
PERIODS = {
    "7d": ("Last 7 days", 7, 0),
    "30d": ("Last 30 days", 30, 0),
    "90d": ("Last 90 days", 90, 0),
    "12m": ("Last 12 months", 0, 12),
}
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ReportRangeForm(forms.Form):
    """Read from the query string; ``today`` is the Europe/London date."""

    period = forms.ChoiceField(
        label="Period",
        choices=[
            *((key, label) for key, (label, _, _) in PERIODS.items()),
            (CUSTOM, "Dates below"),
        ],
        initial=DEFAULT_PERIOD,
        required=False,
    )
    start = forms.DateField(
        label="From", required=False, input_formats=["%Y-%m-%d"], widget=DATE_INPUT
    )
    end = forms.DateField(label="To", required=False, input_formats=["%Y-%m-%d"], widget=DATE_INPUT)

    def __init__(self, *args: Any, today: dt.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields[
            "end"
        ].help_text = f"Both days included; at most {MAX_SPAN_MONTHS} months. Days are UK days."

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        period = data.get("period") or ""
        start, end = data.get("start"), data.get("end")
        dates_given = "start" in self.errors or "end" in self.errors or start or end
        if period == CUSTOM or (not period and dates_given):
            if start is None or end is None:
                if not self.errors:
                    raise forms.ValidationError("Give both the first and the last day.")
                return data
            problem = range_problem(start=start, end=end)
            if problem:
                raise forms.ValidationError(problem)
            data["range"] = ReportRange(start, end)
            return data
        _label, days, months = PERIODS[period or DEFAULT_PERIOD]
        data["range"] = (
            range_last_days(days=days, today=self.today)
            if days
            else range_last_months(months=months, today=self.today)
        )
        return data

    def report_range(self) -> ReportRange:
        report_range: ReportRange = self.cleaned_data["range"]
        return report_range
