"""Form fields of the application steps: each refuses what cannot be right, saying why."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from partnership.compliance.complaints.forms import TextField
from partnership.core import clock
from partnership.crypto.blind_index import normalise_postcode

INPUT_MAX = 300  # no answer on these steps needs more; a 100 KB paste stops here
_MONEY_CLEAN = re.compile(r"[£,\s]")
_MONTH = re.compile(r"^\s*(\d{1,2})\s*[/.\- ]\s*(\d{4})\s*$")
_NAME_PUNCTUATION = frozenset(" -'’.")


def too_long(limit: int) -> str:
    return f"This must be {limit:,} characters or fewer (you entered %(show_value)s)."


def _script(char: str) -> str:
    try:
        return unicodedata.name(char).split(" ")[0]
    except ValueError:
        return "UNKNOWN"


def validate_name(value: str) -> None:
    """Letters of one alphabet, with spaces, hyphens, apostrophes and full stops.

    Mixing alphabets (a Cyrillic letter o among Latin letters) is how look-alike names are
    made; the credit reference agency would not match them either.
    """
    scripts = set()
    for char in unicodedata.normalize("NFC", value):
        if char in _NAME_PUNCTUATION:
            continue
        if not unicodedata.category(char).startswith(("L", "M")):
            raise ValidationError(
                "Use only letters, spaces, hyphens and apostrophes.", code="name_characters"
            )
        if unicodedata.category(char).startswith("L"):
            scripts.add(_script(char))
    if len(scripts) > 1:
        raise ValidationError(
            "This mixes letters from different alphabets (for example a Cyrillic or Greek "
            "letter among Latin ones). Please retype it.",
            code="mixed_scripts",
        )


class NameField(TextField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 100)
        super().__init__(validators=[validate_name], **kwargs)
        self.error_messages["max_length"] = too_long(100)


class PostcodeField(TextField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_length=12, **kwargs)
        self.error_messages["max_length"] = "Enter a UK postcode, for example SW1A 1AA."

    def clean(self, value: Any) -> Any:
        value = super().clean(value)
        if not value:
            return value
        try:
            return normalise_postcode(value)
        except ValueError:
            raise ValidationError(
                "Enter a UK postcode, for example SW1A 1AA.", code="postcode"
            ) from None


class MonthField(TextField):
    """A month and year, typed as MM/YYYY; cleaned to the first of that month."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_length=10, **kwargs)
        self.error_messages["max_length"] = "Enter the month and year as MM/YYYY, like 04/2019."

    def clean(self, value: Any) -> Any:
        value = super().clean(value)
        if not value:
            return None
        match = _MONTH.match(value)
        if match is None or not 1 <= int(match.group(1)) <= 12:
            raise ValidationError(
                "Enter the month and year as MM/YYYY, like 04/2019.", code="month"
            )
        month = dt.date(int(match.group(2)), int(match.group(1)), 1)
        if month > clock.today_in_london():
            raise ValidationError("This date is in the future.", code="future")
        if month.year < 1900:
            raise ValidationError("Check the year: it is too long ago.", code="too_old")
        return month


class MoneyField(forms.CharField):
    """Pounds, with or without £, commas and pence; never negative, never absurd."""

    def __init__(self, *, maximum: Decimal, **kwargs: Any) -> None:
        super().__init__(max_length=20, **kwargs)
        self.maximum = maximum
        self.error_messages["max_length"] = "Enter an amount in pounds, like 28500 or 28,500.50."

    def clean(self, value: Any) -> Any:
        value = super().clean(value)
        if value in (None, ""):
            return None
        text = _MONEY_CLEAN.sub("", str(value))
        try:
            amount = Decimal(text)
        except InvalidOperation:
            amount = Decimal("NaN")
        if not amount.is_finite() or not re.fullmatch(r"-?\d+(\.\d{1,2})?", text):
            raise ValidationError(
                "Enter an amount in pounds, like 28500 or 28,500.50.", code="money"
            )
        if amount < 0:
            raise ValidationError("Enter an amount of zero or more.", code="negative")
        if amount > self.maximum:
            raise ValidationError(
                f"That is more than we can accept here (£{self.maximum:,.0f}). "
                "Check the amount is in pounds.",
                code="too_large",
            )
        return amount.quantize(Decimal("0.01"))


def yes_no(*, required_message: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        choices=[("yes", "Yes"), ("no", "No")],
        widget=forms.RadioSelect,
        error_messages={"required": required_message, "invalid_choice": required_message},
    )
