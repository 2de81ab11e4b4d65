"""UK mobile numbers: 07xxx xxxxxx, +44 7xxx xxxxxx or 0044 7xxx xxxxxx, kept as E.164."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError

_SEPARATORS = re.compile(r"[ ()-]")
# After the country code or the trunk 0: 7, then nine digits (07624 Isle of Man included;
# 070 personal numbers and 076 pagers are not mobiles).
_MOBILE = re.compile(r"7[1-57-9][0-9]{8}|7624[0-9]{6}")
NOT_A_MOBILE = (
    "Enter a UK mobile number, like 07700 900123 or +44 7700 900123. We can only send "
    "text messages to UK mobiles."
)


def uk_mobile_normalise(value: str) -> str:
    """The number as +447…; raises ``ValidationError`` for anything else."""
    digits = _SEPARATORS.sub("", value.strip())
    for prefix in ("+44", "0044", "0"):
        if digits.startswith(prefix):
            national = digits[len(prefix) :]
            break
    else:
        raise ValidationError(NOT_A_MOBILE, code="not_mobile")
    if national.startswith("0"):  # +44 (0)7700 …
        national = national[1:]
    if not _MOBILE.fullmatch(national):
        raise ValidationError(NOT_A_MOBILE, code="not_mobile")
    return f"+44{national}"


def uk_mobile_or_none(value: str | None) -> str | None:
    """The number as +447… when ``value`` is a UK mobile, else None (never raises)."""
    if not value:
        return None
    try:
        return uk_mobile_normalise(value)
    except ValidationError:
        return None


def uk_mobile_display(number: str) -> str:
    """+447700900123 → 07700 900123, as the customer would write it."""
    national = "0" + number.removeprefix("+44")
    return f"{national[:5]} {national[5:]}"
