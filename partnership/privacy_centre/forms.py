"""Forms of the privacy centre. Every refusal is a message on the form, answered 400
with nothing changed."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from partnership.accounts.forms import (
    CODE_HINT,
    AccountForm,
    TextField,
    code_field,
    email_field,
    too_long,
)
from partnership.accounts.models import (
    ADDRESS_MAX,
    NAME_MAX,
    PHONE_MAX,
    MarketingChannel,
)
from partnership.core.forms import StrictBooleanField
from partnership.core.text import validate_multi_line, validate_readable
from partnership.crypto.blind_index import normalise_postcode

ADDRESS_LINES_MAX = 6
_MARKUP = re.compile(r"[<>]")
_PHONE = re.compile(r"\+?[0-9 ()-]{7,32}")
MARKUP_MESSAGE = "This cannot contain < or >. Please remove them."


def _no_markup(value: str) -> None:
    if _MARKUP.search(value):
        raise ValidationError(MARKUP_MESSAGE, code="markup")


class MultiLineTextField(forms.CharField):
    def to_python(self, value: Any) -> Any:
        if isinstance(value, str):
            validate_readable(value)
            validate_multi_line(value)
        return super().to_python(value)


class MarketingForm(AccountForm):
    """One tick box per channel; an unticked box is a "no"."""

    email = StrictBooleanField(label="E-mail", required=False)
    post = StrictBooleanField(label="Post", required=False)
    phone = StrictBooleanField(label="Phone calls", required=False)
    sms = StrictBooleanField(label="Text messages (SMS)", required=False)

    def choices(self) -> dict[MarketingChannel, bool]:
        return {channel: bool(self.cleaned_data[channel.value]) for channel in MarketingChannel}


class DetailsForm(AccountForm):
    full_name = TextField(
        label="Full name",
        max_length=NAME_MAX,
        validators=[_no_markup],
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": "Enter your full name.", "max_length": too_long(NAME_MAX)},
    )
    email = email_field()
    postal_address = MultiLineTextField(
        label="Postal address",
        max_length=ADDRESS_MAX,
        validators=[_no_markup],
        help_text="House number and street, then town, each on its own line.",
        widget=forms.Textarea(attrs={"rows": 4, "autocomplete": "street-address"}),
        error_messages={
            "required": "Enter your postal address.",
            "max_length": too_long(ADDRESS_MAX),
        },
    )
    postcode = TextField(
        label="Postcode",
        max_length=12,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code"}),
        error_messages={"required": "Enter your postcode.", "max_length": too_long(12)},
    )
    phone = TextField(
        label="Phone number",
        max_length=PHONE_MAX,
        required=False,
        help_text="Optional. For example 07700 900123 or +44 7700 900123.",
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
        error_messages={"max_length": too_long(PHONE_MAX)},
    )
    code = code_field(CODE_HINT)

    def __init__(self, data: Any = None, **kw: Any) -> None:
        super().__init__(data, **kw)
        self.fields["email"].widget.attrs["autocomplete"] = "email"

    def clean_postal_address(self) -> str:
        lines = [line.strip() for line in self.cleaned_data["postal_address"].splitlines()]
        lines = [line for line in lines if line]
        if not lines:
            raise ValidationError("Enter your postal address.")
        if len(lines) > ADDRESS_LINES_MAX:
            raise ValidationError(f"Use at most {ADDRESS_LINES_MAX} lines.")
        return "\n".join(lines)

    def clean_postcode(self) -> str:
        try:
            return normalise_postcode(self.cleaned_data["postcode"])
        except ValueError:
            raise ValidationError("Enter a UK postcode, for example TR11 3AA.") from None

    def clean_phone(self) -> str:
        phone: str = self.cleaned_data["phone"]
        digits = re.sub(r"\D", "", phone)
        if phone and (not _PHONE.fullmatch(phone) or not 7 <= len(digits) <= 15):
            raise ValidationError("Enter a phone number of digits, for example 07700 900123.")
        return phone
