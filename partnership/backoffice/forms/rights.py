"""The one form for every action on a data-rights request."""

from __future__ import annotations

from typing import Any

from django import forms

from partnership.backoffice.forms.validators import multi_line
from partnership.backoffice.services.rights import RightsAction
from partnership.compliance.rights.models import EXTENSION_REASON_MAX, PauseReason


class RightsActionForm(forms.Form):
    """One form for every action; ``clean`` asks for what the chosen action needs."""

    action = forms.ChoiceField(
        label="Action",
        choices=[
            ("pause", "Stop the clock"),
            ("resume", "Restart the clock"),
            ("extend", "Extend"),
            ("complete", "Complete"),
            ("export", "Run the access export"),
            ("erase", "Run the erasure"),
        ],
    )
    pause_reason = forms.ChoiceField(
        label="Why the clock stops",
        choices=[("", "Choose a reason"), *PauseReason.choices],
        required=False,
    )
    months = forms.TypedChoiceField(
        label="Extend by",
        choices=[("", "Choose"), ("1", "One month"), ("2", "Two months")],
        coerce=int,
        empty_value=None,
        required=False,
    )
    extension_reason = forms.CharField(
        label="Why the request needs longer",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=EXTENSION_REASON_MAX,
        required=False,
        validators=[multi_line],
    )
    email = forms.EmailField(
        label="The person's e-mail address",
        help_text="As written in their request; it must match the person who made it.",
        max_length=254,
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        action = cleaned.get("action")
        if action == "pause" and not cleaned.get("pause_reason"):
            self.add_error("pause_reason", "Choose why the clock stops.")
        if action == "extend":
            if not cleaned.get("months"):
                self.add_error("months", "Choose one or two months.")
            if not (cleaned.get("extension_reason") or "").strip() and not self.has_error(
                "extension_reason"
            ):
                self.add_error("extension_reason", "Give the reason for the extension.")
        needs_email = action in ("export", "erase") and not self.has_error("email")
        if needs_email and not cleaned.get("email"):
            self.add_error("email", "Enter the person's e-mail address.")
        return cleaned

    def to_action(self) -> RightsAction:
        data = self.cleaned_data
        return RightsAction(
            action=data["action"],
            pause_reason=data["pause_reason"],
            months=data["months"],
            extension_reason=data["extension_reason"],
            email=data["email"],
        )
