"""The breach register's forms: a breach's state, and a notice to the people affected."""

from __future__ import annotations

from typing import Any

from django import forms

from partnership.backoffice.forms.validators import multi_line, single_line
from partnership.compliance.breaches.models import (
    SUBJECT_MAX,
    TEXT_MAX,
    TITLE_MAX,
    BreachRevision,
    IcoStatus,
    PeopleDecision,
)
from partnership.compliance.breaches.rules import BreachInput, inventory_categories
from partnership.core import clock
from partnership.core.forms import AccessibleForm

TIME_HELP = "UK time, as YYYY-MM-DD HH:MM."
TIME_FORMATS = ["%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M"]


def _when(label: str, *, required: bool = True) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label, required=required, help_text=TIME_HELP, input_formats=TIME_FORMATS
    )


def _text(label: str, help_text: str = "", *, required: bool = True) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=required,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        validators=[multi_line],
    )


class BreachForm(AccessibleForm):
    hint_for_every_field = False

    title = forms.CharField(max_length=TITLE_MAX, validators=[single_line])
    occurred_at = _when("When it happened (or began)")
    found_at = _when("When we became aware of it (the 72-hour clock starts here)")
    description = _text("What happened", "Refer to people by number only, never by name.")
    data_categories = forms.MultipleChoiceField(
        label="Categories of personal data", widget=forms.CheckboxSelectMultiple
    )
    people_affected = forms.IntegerField(label="Approximate number of people", min_value=0)
    records_affected = forms.IntegerField(label="Approximate number of records", min_value=0)
    consequences = _text("Likely consequences for the people")
    measures = _text("Measures taken or proposed")
    ico_status = forms.ChoiceField(
        label="Report to the ICO", choices=IcoStatus.choices, widget=forms.RadioSelect
    )
    ico_reported_at = _when("When it was reported to the ICO", required=False)
    late_reason = _text("Why the report was later than 72 hours", required=False)
    not_reported_reason = _text("Why it is not reported to the ICO", required=False)
    people_decision = forms.ChoiceField(
        label="Tell the people affected", choices=PeopleDecision.choices, widget=forms.RadioSelect
    )
    people_decision_reason = _text("Reasons for that decision", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["data_categories"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = [(name, name.replace("_", " ")) for name in inventory_categories()]

    @classmethod
    def for_revision(cls, revision: BreachRevision) -> BreachForm:
        def local(value: Any) -> str:
            return value.astimezone(clock.LONDON).strftime("%Y-%m-%d %H:%M") if value else ""

        names = [f.name for f in BreachInput.__dataclass_fields__.values()]
        initial = {name: getattr(revision, name) for name in names}
        for name in ("occurred_at", "found_at", "ico_reported_at"):
            initial[name] = local(initial[name])
        return cls(initial=initial)

    def to_input(self) -> BreachInput:
        data = self.cleaned_data
        return BreachInput(
            title=data["title"],
            occurred_at=data["occurred_at"],
            found_at=data["found_at"],
            description=data["description"],
            data_categories=list(data["data_categories"]),
            people_affected=data["people_affected"],
            records_affected=data["records_affected"],
            consequences=data["consequences"],
            measures=data["measures"],
            ico_status=data["ico_status"],
            ico_reported_at=data["ico_reported_at"],
            late_reason=data["late_reason"],
            not_reported_reason=data["not_reported_reason"],
            people_decision=data["people_decision"],
            people_decision_reason=data["people_decision_reason"],
        )


class RecipientFinderForm(AccessibleForm):
    """Whose data a member of staff opened in a time window (the audit log's history)."""

    hint_for_every_field = False

    staff_email = forms.EmailField(label="The staff account's e-mail address")
    start = _when("From")
    end = _when("Until")

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end <= start:
            self.add_error("end", "The end of the window must be after its start.")
        return cleaned


class NoticeForm(AccessibleForm):
    hint_for_every_field = False

    recipients = forms.CharField(
        label="Customers to tell",
        help_text="Their account ids, one a line (filled in by the search above).",
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    subject = forms.CharField(max_length=SUBJECT_MAX, validators=[single_line])
    message = _text("Message", "Drafted from the record: edit it before sending.")

    def recipient_ids(self) -> list[str]:
        return [
            line.strip() for line in self.cleaned_data["recipients"].splitlines() if line.strip()
        ]
