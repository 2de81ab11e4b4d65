"""Forms for a one-off payment and a Direct Debit Instruction. Every refusal is a
message on the form, answered 400 with nothing stored; what was valid stays filled in."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from partnership.accounts.forms import CODE_HINT, AccountForm, TextField, code_field, too_long
from partnership.core.forms import StrictBooleanField
from partnership.payments.models import DirectDebitAmount
from partnership.payments.modulus import BankDetailsError, account_number_clean, sort_code_clean

MAX_AMOUNT = Decimal("9999999.99")
HOLDER_MAX = 70
AMOUNT_MESSAGE = "Enter an amount in pounds and pence, for example 125.50."


def amount_field(label: str, *, required: bool = True, help_text: str = "") -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=required,
        max_digits=9,
        decimal_places=2,
        min_value=Decimal("0.01"),
        max_value=MAX_AMOUNT,
        help_text=help_text,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        error_messages={
            "required": "Enter the amount to pay.",
            "invalid": AMOUNT_MESSAGE,
            "min_value": "Enter an amount of at least £0.01.",
            "max_value": "That amount is more than any balance could be.",
            "max_digits": AMOUNT_MESSAGE,
            "max_decimal_places": "Enter pence as 2 digits at most, for example 125.50.",
            "max_whole_digits": "That amount is more than any balance could be.",
        },
    )


class PaymentForm(AccountForm):
    amount = amount_field(
        "Amount to pay (£)", help_text="Up to your balance. You pay on our payment provider's page."
    )


class DirectDebitForm(AccountForm):
    holder_name = TextField(
        label="Name of the account holder",
        max_length=HOLDER_MAX,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={
            "required": "Enter the name of the account holder.",
            "max_length": too_long(HOLDER_MAX),
        },
    )
    sort_code = TextField(
        label="Sort code",
        max_length=10,
        help_text="6 digits, for example 40-47-84.",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        error_messages={"required": "Enter the sort code.", "max_length": too_long(10)},
    )
    account_number = TextField(
        label="Account number",
        max_length=12,
        help_text="8 digits, for example 70872490.",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        error_messages={"required": "Enter the account number.", "max_length": too_long(12)},
    )
    amount_kind = forms.ChoiceField(
        label="How much to pay each month",
        choices=DirectDebitAmount.choices,
        widget=forms.RadioSelect,
        help_text="We collect it on the payment due date shown on your statement.",
        error_messages={
            "required": "Choose how much to pay each month.",
            "invalid_choice": "Choose how much to pay each month.",
        },
    )
    fixed_amount = amount_field(
        "Fixed amount (£)", required=False, help_text="Only if you chose a fixed amount."
    )
    declaration = StrictBooleanField(
        label=(
            "I am the account holder, and I am the only person needed to authorise "
            "debits from this bank account."
        ),
        error_messages={
            "required": (
                "Confirm that you are the account holder and can authorise debits alone. "
                "If more than one person must sign, please call us to set it up."
            )
        },
    )
    code = code_field(CODE_HINT)

    def clean_sort_code(self) -> str:
        try:
            return sort_code_clean(self.cleaned_data["sort_code"])
        except BankDetailsError as error:
            raise ValidationError(str(error), code="format") from None

    def clean_account_number(self) -> str:
        try:
            return account_number_clean(self.cleaned_data["account_number"])
        except BankDetailsError as error:
            raise ValidationError(str(error), code="format") from None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        fixed = data.get("amount_kind") == DirectDebitAmount.FIXED
        if fixed and data.get("fixed_amount") is None and "fixed_amount" not in self.errors:
            self.add_error("fixed_amount", "Enter the fixed amount to pay each month.")
        return data
