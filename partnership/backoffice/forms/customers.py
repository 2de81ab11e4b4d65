"""Finding a customer and stating why their data is needed."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator

from partnership.accounts.staff_access import AccessReason
from partnership.backoffice.forms.validators import REFERENCE, multi_line, single_line
from partnership.backoffice.models import CASE_REFERENCE_MAX, REASON_TEXT_MAX
from partnership.crypto.blind_index import normalise_postcode

_LAST4 = RegexValidator(r"^[0-9]{4}$", "Enter the last 4 digits of the card.")


class CustomerSearchForm(forms.Form):
    """Exactly one way in: an e-mail address, card last 4 with postcode, or a reference."""

    email = forms.EmailField(label="E-mail address", required=False, max_length=254)
    last4 = forms.CharField(
        label="Last 4 digits of the card", required=False, max_length=4, validators=[_LAST4]
    )
    postcode = forms.CharField(
        label="Postcode", required=False, max_length=10, validators=[single_line]
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
        validators=[multi_line],
        help_text="Kept encrypted, for compliance. The customer sees only the reason above.",
    )
    case_reference = forms.CharField(
        label="Call or case reference (optional)",
        required=False,
        max_length=CASE_REFERENCE_MAX,
        validators=[REFERENCE],
    )
