"""The call log form (DESIGN P14)."""

from __future__ import annotations

from typing import Any

from django import forms

from partnership.backoffice.forms.validators import REFERENCE, multi_line
from partnership.backoffice.models import (
    CALL_NOTES_MAX,
    CASE_REFERENCE_MAX,
    CallDirection,
    CallReason,
)
from partnership.backoffice.services.calls import CallInput
from partnership.core.forms import StrictBooleanField


class CallRecordForm(forms.Form):
    occurred_at = forms.DateTimeField(
        label="When",
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text="UK time.",
    )
    direction = forms.ChoiceField(label="Direction", choices=CallDirection)
    reason = forms.ChoiceField(label="What the call was about", choices=CallReason)
    recorded = StrictBooleanField(label="The call was recorded", required=False)
    recording_reference = forms.CharField(
        label="Recording reference",
        required=False,
        max_length=CASE_REFERENCE_MAX,
        validators=[REFERENCE],
    )
    card_payment = StrictBooleanField(label="The customer paid by card", required=False)
    recording_paused_for_security_code = StrictBooleanField(
        label="Recording was paused while the card security code was given",
        required=False,
    )
    notes = forms.CharField(
        label="Notes",
        required=False,
        max_length=CALL_NOTES_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        validators=[multi_line],
        help_text="Kept encrypted. Never write down a card number or security code.",
    )

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        if cleaned.get("recorded") and not cleaned.get("recording_reference"):
            self.add_error("recording_reference", "Give the recording's reference.")
        if not cleaned.get("recorded") and cleaned.get("recording_reference"):
            self.add_error("recording_reference", "Only a recorded call has a reference.")
        # Asked even when the call was "not recorded": lines may be monitored, and the
        # agent confirming the pause is what PCI DSS 3.3.2 evidence rests on.
        if cleaned.get("card_payment") and not cleaned.get("recording_paused_for_security_code"):
            self.add_error(
                "recording_paused_for_security_code",
                "A card payment needs recording paused while the security code is given. "
                "If it was not, report it to compliance now.",
            )
        return cleaned

    def to_input(self) -> CallInput:
        data = self.cleaned_data
        return CallInput(
            occurred_at=data["occurred_at"],
            direction=CallDirection(data["direction"]),
            reason=CallReason(data["reason"]),
            recorded=data["recorded"],
            recording_reference=data["recording_reference"],
            card_payment=data["card_payment"],
            recording_paused_for_security_code=data["recording_paused_for_security_code"],
            notes=data["notes"],
        )
