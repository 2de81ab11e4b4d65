"""Back-office forms: bad input is answered as on customer forms (a 400 with the form)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator

from partnership.accounts.staff_access import AccessReason
from partnership.backoffice.models import (
    CALL_NOTES_MAX,
    CASE_REFERENCE_MAX,
    REASON_TEXT_MAX,
    CallDirection,
    CallReason,
)
from partnership.core.forms import StrictBooleanField
from partnership.core.text import validate_multi_line, validate_readable, validate_single_line
from partnership.crypto.blind_index import normalise_postcode

_REFERENCE = RegexValidator(r"^[A-Za-z0-9-]*$", "Use letters, digits and hyphens only.")
_LAST4 = RegexValidator(r"^[0-9]{4}$", "Enter the last 4 digits of the card.")


def _single_line(value: str) -> None:
    validate_readable(value)
    validate_single_line(value)


def _multi_line(value: str) -> None:
    validate_readable(value)
    validate_multi_line(value)


class CustomerSearchForm(forms.Form):
    """Exactly one way in: an e-mail address, card last 4 with postcode, or a reference."""

    email = forms.EmailField(label="E-mail address", required=False, max_length=254)
    last4 = forms.CharField(
        label="Last 4 digits of the card", required=False, max_length=4, validators=[_LAST4]
    )
    postcode = forms.CharField(
        label="Postcode", required=False, max_length=10, validators=[_single_line]
    )
    reference = forms.UUIDField(
        label="Customer reference",
        required=False,
        help_text="As shown in the customer's privacy centre.",
    )

    def clean_postcode(self) -> str:
        value: str = self.cleaned_data["postcode"]
        if not value:
            return ""
        try:
            return normalise_postcode(value)
        except ValueError:
            raise ValidationError("Enter a UK postcode, like SW1A 1AA.") from None

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        if self.errors:
            return cleaned
        ways = [
            bool(cleaned.get("email")),
            bool(cleaned.get("last4") or cleaned.get("postcode")),
            bool(cleaned.get("reference")),
        ]
        if sum(ways) != 1:
            raise ValidationError(
                "Search by one thing: the e-mail address, the card's last 4 digits with "
                "the postcode, or the customer reference."
            )
        if ways[1] and not (cleaned.get("last4") and cleaned.get("postcode")):
            raise ValidationError("Give both the card's last 4 digits and the postcode.")
        return cleaned


class AccessReasonForm(forms.Form):
    reason_category = forms.ChoiceField(label="Why do you need to see it?", choices=AccessReason)
    reason_text = forms.CharField(
        label="In a sentence",
        max_length=REASON_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[_multi_line],
        help_text="Kept encrypted, for compliance. The customer sees only the reason above.",
    )
    case_reference = forms.CharField(
        label="Call or case reference (optional)",
        required=False,
        max_length=CASE_REFERENCE_MAX,
        validators=[_REFERENCE],
    )


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
        validators=[_REFERENCE],
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
        validators=[_multi_line],
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


class ComplaintActionForm(forms.Form):
    action = forms.ChoiceField(choices=[("acknowledge", "Acknowledge"), ("close", "Close")])
