from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from partnership.core.forms import StrictBooleanField
from partnership.core.text import validate_multi_line, validate_readable, validate_single_line
from partnership.offers.models import BODY_MAX, PARTNER_MAX, TEASER_MAX, TITLE_MAX, Offer
from partnership.offers.services import OfferInput

DATE_HELP = "As YYYY-MM-DD. Both days are included; days are UK days (Europe/London)."


def _single_line(value: str) -> None:
    validate_readable(value)
    validate_single_line(value)


def _multi_line(value: str) -> None:
    validate_readable(value)
    validate_multi_line(value)


class OfferForm(forms.Form):
    title = forms.CharField(max_length=TITLE_MAX, validators=[_single_line])
    partner = forms.CharField(
        max_length=PARTNER_MAX,
        validators=[_single_line],
        help_text="The Partnership company or business that makes the offer.",
    )
    teaser = forms.CharField(
        max_length=TEASER_MAX,
        validators=[_single_line],
        help_text="Shown to everyone. Say what kind of offer it is, not the details.",
    )
    body = forms.CharField(
        label="Full offer",
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 12}),
        validators=[_multi_line],
        help_text="Shown only after the card check. Markdown; HTML is shown as text.",
    )
    starts_on = forms.DateField(label="First day", help_text=DATE_HELP, input_formats=["%Y-%m-%d"])
    ends_on = forms.DateField(label="Last day", help_text=DATE_HELP, input_formats=["%Y-%m-%d"])
    is_published = StrictBooleanField(
        label="Published (shown on the site while it runs)", required=False
    )

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts and ends and ends < starts:
            raise ValidationError("The last day cannot be before the first day.")
        return cleaned

    @classmethod
    def for_offer(cls, offer: Offer) -> OfferForm:
        return cls(
            initial={
                "title": offer.title,
                "partner": offer.partner,
                "teaser": offer.teaser,
                "body": offer.body,
                "starts_on": offer.starts_on.isoformat(),
                "ends_on": offer.ends_on.isoformat(),
                "is_published": offer.is_published,
            }
        )

    def to_input(self) -> OfferInput:
        data = self.cleaned_data
        return OfferInput(
            title=data["title"],
            partner=data["partner"],
            teaser=data["teaser"],
            body=data["body"].replace("\r\n", "\n"),
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            is_published=data["is_published"],
        )
