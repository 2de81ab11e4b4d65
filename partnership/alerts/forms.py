"""The alert choices and the statement preference. Every refusal is a message on the
form, answered 400 with nothing changed and what was valid kept."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from partnership.accounts.forms import AccountForm, TextField
from partnership.alerts.models import AlertKind
from partnership.alerts.phone import uk_mobile_normalise
from partnership.alerts.services import ChoiceInput
from partnership.core.forms import StrictBooleanField

DAYS_CHOICES = [(n, "1 day" if n == 1 else f"{n} days") for n in range(1, 11)]
MOBILE_NEEDED = "Enter the mobile number to text, or untick the text message boxes."
AMOUNT_NEEDED = "Enter the amount a purchase must be over for this alert."
PERCENT_MESSAGE = "Enter a whole number from 50 to 100."
AMOUNT_MESSAGE = "Enter an amount in pounds from £1 to £99,999, like 250 or 99.50."
MOBILE_MAX_INPUT = 32


def _channel_fields(kind: AlertKind) -> dict[str, forms.Field]:
    return {
        f"{kind.value}_email": StrictBooleanField(label="By e-mail", required=False),
        f"{kind.value}_sms": StrictBooleanField(label="By text message", required=False),
    }


class AlertChoicesForm(AccountForm):
    """Two boxes per kind (e-mail, text message), each kind's setting, the mobile."""

    payment_due_days = forms.TypedChoiceField(
        label="How many days before the due date",
        choices=DAYS_CHOICES,
        coerce=int,
        initial=3,
        error_messages={"invalid_choice": "Choose from 1 to 10 days."},
    )
    limit_percent = forms.IntegerField(
        label="When I have used this much of my limit (per cent)",
        min_value=50,
        max_value=100,
        initial=90,
        help_text="From 50 to 100. You are also told if you go over your limit.",
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "required": PERCENT_MESSAGE,
            "invalid": PERCENT_MESSAGE,
            "min_value": PERCENT_MESSAGE,
            "max_value": PERCENT_MESSAGE,
        },
    )
    purchase_amount = forms.DecimalField(
        label="A purchase over (pounds)",
        required=False,
        min_value=Decimal(1),
        max_value=Decimal("99999.99"),
        decimal_places=2,
        max_digits=7,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        error_messages=dict.fromkeys(
            ("invalid", "min_value", "max_value", "max_digits", "max_decimal_places"),
            AMOUNT_MESSAGE,
        ),
    )
    mobile = TextField(
        label="Mobile number for text messages",
        required=False,
        max_length=MOBILE_MAX_INPUT,
        help_text="A UK mobile, like 07700 900123. Needed only for text message alerts.",
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
        error_messages={"max_length": "Enter a UK mobile number, like 07700 900123."},
    )

    def clean_mobile(self) -> str:
        value = self.cleaned_data.get("mobile") or ""
        return uk_mobile_normalise(value) if value.strip() else ""

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        wants_sms = any(data.get(f"{kind.value}_sms") for kind in AlertKind)
        if wants_sms and not data.get("mobile") and "mobile" not in self.errors:
            self.add_error("mobile", ValidationError(MOBILE_NEEDED, code="required"))
        if (
            self._chosen(AlertKind.PURCHASE_OVER, data)
            and data.get("purchase_amount") is None
            and "purchase_amount" not in self.errors
        ):
            self.add_error("purchase_amount", ValidationError(AMOUNT_NEEDED, code="required"))
        return data

    @staticmethod
    def _chosen(kind: AlertKind, data: dict[str, Any]) -> bool:
        return bool(data.get(f"{kind.value}_email") or data.get(f"{kind.value}_sms"))

    def choices(self) -> dict[AlertKind, ChoiceInput]:
        data = self.cleaned_data
        found = {}
        for kind in AlertKind:
            by_email, by_sms = bool(data[f"{kind.value}_email"]), bool(data[f"{kind.value}_sms"])
            chosen = by_email or by_sms
            found[kind] = ChoiceInput(
                by_email=by_email,
                by_sms=by_sms,
                days_before=data["payment_due_days"]
                if chosen and kind == AlertKind.PAYMENT_DUE
                else None,
                percent=data["limit_percent"] if chosen and kind == AlertKind.LIMIT else None,
                amount=data["purchase_amount"]
                if chosen and kind == AlertKind.PURCHASE_OVER
                else None,
            )
        return found

    def mobile_to_keep(self) -> str:
        """The number when a text message alert is chosen; else "" (we keep none)."""
        wants_sms = any(choice.by_sms for choice in self.choices().values())
        return str(self.cleaned_data["mobile"]) if wants_sms else ""


for _kind in AlertKind:
    AlertChoicesForm.base_fields.update(_channel_fields(_kind))


class StatementPreferenceForm(AccountForm):
    delivery = forms.ChoiceField(
        label="How would you like your statements?",
        choices=[
            ("paperless", "Paperless: we e-mail you when a statement is ready to read online"),
            ("paper", "Paper: we post each statement to your address"),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose paper or paperless statements.",
            "invalid_choice": "Choose paper or paperless statements.",
        },
    )

    def paperless(self) -> bool:
        return bool(self.cleaned_data["delivery"] == "paperless")
