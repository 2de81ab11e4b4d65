from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator

from partnership.compliance.complaints.models import (
    DETAILS_MAX,
    EMAIL_MAX,
    NAME_MAX,
    PHONE_MAX,
    ComplaintTopic,
    ReplyPreference,
)
from partnership.compliance.complaints.services import ComplaintInput
from partnership.core.forms import AccessibleForm
from partnership.core.text import (
    validate_multi_line,
    validate_readable,
    validate_single_line,
)
from partnership.privacy.inventory import InventoryEntry

RADIO_FIELDS = frozenset({"topic", "reply_preference"})


class _CheckedText:
    """Refuses unreadable bytes and control characters before any other check, so the
    person reads one clear message rather than several."""

    multi_line = False

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str):
            validate_readable(value)
            (validate_multi_line if self.multi_line else validate_single_line)(value)
        return super().to_python(value)  # type: ignore[misc]


class TextField(_CheckedText, forms.CharField):
    pass


class MultiLineTextField(_CheckedText, forms.CharField):
    """Line breaks arrive as CRLF; a browser's ``maxlength`` counts each as one
    character, so they are stored as LF and the limit means what the browser said."""

    multi_line = True

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str):
            value = value.replace("\r\n", "\n")
        return super().to_python(value)


class EmailAddressField(_CheckedText, forms.EmailField):
    pass


def _too_long(limit: int) -> str:
    return f"This must be {limit:,} characters or fewer (you entered %(show_value)s)."


_phone_format = RegexValidator(
    r"^(?=(?:[^0-9]*[0-9]){7})\+?[0-9 ()-]+$",
    "Enter a phone number using digits and spaces (with + ( ) - if you like), "
    "for example 07700 900123.",
)


class ComplaintForm(AccessibleForm):
    name = TextField(
        max_length=NAME_MAX,
        error_messages={"required": "Enter your name.", "max_length": _too_long(NAME_MAX)},
    )
    email = EmailAddressField(
        max_length=EMAIL_MAX,
        error_messages={
            "required": "Enter your e-mail address.",
            "invalid": "Enter an e-mail address in the form name@example.com.",
            "max_length": _too_long(EMAIL_MAX),
        },
    )
    phone = TextField(
        max_length=PHONE_MAX,
        required=False,
        validators=[_phone_format],
        error_messages={"max_length": _too_long(PHONE_MAX)},
    )
    topic = forms.ChoiceField(
        choices=ComplaintTopic.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose what your complaint is about.",
            "invalid_choice": "Choose one of the listed subjects.",
        },
    )
    details = MultiLineTextField(
        max_length=DETAILS_MAX,
        widget=forms.Textarea(attrs={"rows": 10, "cols": 60}),
        error_messages={
            "required": "Tell us what happened.",
            "max_length": _too_long(DETAILS_MAX),
        },
    )
    reply_preference = forms.ChoiceField(
        choices=ReplyPreference.choices,
        widget=forms.RadioSelect,
        initial=ReplyPreference.EMAIL,
        error_messages={
            "required": "Choose how you would like us to reply.",
            "invalid_choice": "Choose e-mail or phone.",
        },
    )

    def __init__(
        self,
        data: Any = None,
        *,
        entry: InventoryEntry,
        unreadable: frozenset[str] = frozenset(),
    ) -> None:
        super().__init__(data, unreadable=unreadable)
        # Labels and the reason each field is asked come from the data inventory.
        for name, field in self.fields.items():
            declared = entry.field_named(name)
            field.label = declared.label
            field.help_text = declared.purpose

    def clean(self) -> dict[str, Any] | None:
        cleaned = super().clean()
        if self.cleaned_data.get("reply_preference") == ReplyPreference.PHONE and not (
            self.cleaned_data.get("phone") or "phone" in self.errors
        ):
            self.add_error("phone", "Give a phone number if you would like us to call you.")
        return cleaned

    def to_input(self) -> ComplaintInput:
        if not self.is_valid():
            raise ValidationError("the complaint form is not valid")
        data = self.cleaned_data
        return ComplaintInput(
            name=data["name"],
            email=data["email"],
            phone=data["phone"],
            topic=ComplaintTopic(data["topic"]),
            details=data["details"],
            reply_preference=ReplyPreference(data["reply_preference"]),
        )
