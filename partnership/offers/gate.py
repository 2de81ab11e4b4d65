"""The card-digits gate (DESIGN §2 P2): the first six digits of a card unlock the offers.

The digits are checked against ``CARD_BIN_RANGES`` and then forgotten: they are never
stored, logged, put in a URL or shown back on a page. What is kept is a verdict (a
fixed enum), a rate-limit count for wrong tries (keyed by a keyed hash of the client's
address, ``core.ratelimit``) and — when the browser keeps cookies — a session flag
saying until when the offers are unlocked.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from django.contrib.sessions.backends.base import SessionBase

from partnership.core import clock
from partnership.core.ratelimit import rate_limit_check, rate_limit_hit
from partnership.offers.bin_ranges import BIN_LENGTH, bin_in_ranges

GATE_SCOPE = "offers:gate"
WRONG_TRIES_LIMIT = 10
WRONG_TRIES_WINDOW = dt.timedelta(minutes=10)
UNLOCK_FOR = dt.timedelta(minutes=30)
SESSION_UNLOCKED_UNTIL = "offers.unlocked_until"

_ASCII_DIGITS = re.compile(r"[0-9]+")
# Plus and minus signs as keyboards and word processors type them.
_SIGNS = frozenset("+-\u2212\u2012\u2013\u2014\ufe63\ufe62\uff0b\uff0d")


class Verdict(StrEnum):
    UNLOCKED = "unlocked"
    EMPTY = "empty"
    SPACES = "spaces"
    SIGNS = "signs"
    OTHER_DIGITS = "other_digits"
    NOT_DIGITS = "not_digits"
    TOO_SHORT = "too_short"
    TOO_LONG = "too_long"
    NOT_OUR_CARD = "not_our_card"


# One plain message per verdict. None quotes what was typed.
MESSAGES: dict[Verdict, str] = {
    Verdict.EMPTY: "Enter the first 6 digits of your card number.",
    Verdict.SPACES: "Type the 6 digits without spaces.",
    Verdict.SIGNS: "Type digits only, without + or - signs.",
    Verdict.OTHER_DIGITS: (
        "Type the digits 0 to 9 as on an ordinary UK keyboard. Digits from other "
        "scripts or full-width digits cannot be checked."
    ),
    Verdict.NOT_DIGITS: "Type digits only (0 to 9), no letters or other characters.",
    Verdict.TOO_SHORT: "Enter all of the first 6 digits of your card number.",
    Verdict.TOO_LONG: (
        "Enter only the first 6 digits. We never need your full card number: "
        "please do not type it here."
    ),
    Verdict.NOT_OUR_CARD: (
        "Those digits are not the start of one of our cards. Check the first 6 digits "
        "of the long number on the front of your card."
    ),
}


def _is_digit(ch: str) -> bool:
    return unicodedata.decimal(ch, None) is not None or ch.isdigit()


def digits_verdict(text: str) -> Verdict:
    """What ``text`` is, as far as the gate is concerned. Only ASCII 0 to 9 count."""
    if text == "":
        return Verdict.EMPTY
    if any(ch.isspace() for ch in text):
        return Verdict.SPACES
    if any(ch in _SIGNS for ch in text):
        return Verdict.SIGNS
    if _ASCII_DIGITS.fullmatch(text) is None:
        if any(not ch.isascii() and _is_digit(ch) for ch in text):
            return Verdict.OTHER_DIGITS
        return Verdict.NOT_DIGITS
    if len(text) < BIN_LENGTH:
        return Verdict.TOO_SHORT
    if len(text) > BIN_LENGTH:
        return Verdict.TOO_LONG
    return Verdict.UNLOCKED if bin_in_ranges(text) else Verdict.NOT_OUR_CARD


@dataclass(frozen=True)
class GateOutcome:
    """``verdict`` is None when the client was refused by the rate limit, unchecked."""

    verdict: Verdict | None
    retry_after: dt.datetime | None = None

    @property
    def unlocked(self) -> bool:
        return self.verdict is Verdict.UNLOCKED

    @property
    def message(self) -> str:
        return MESSAGES.get(self.verdict, "") if self.verdict else ""


def gate_attempt(*, text: str, client: str) -> GateOutcome:
    """Check ``text`` for ``client`` (``core.ratelimit.client_key``).

    Over the limit, nothing is checked: a refused client learns nothing about any
    digits. Wrong or malformed tries count; right ones do not.
    """
    before = rate_limit_check(
        scope=GATE_SCOPE, key=client, limit=WRONG_TRIES_LIMIT, window=WRONG_TRIES_WINDOW
    )
    if not before.allowed:
        return GateOutcome(verdict=None, retry_after=before.retry_after)
    verdict = digits_verdict(text)
    if verdict is not Verdict.UNLOCKED:
        rate_limit_hit(
            scope=GATE_SCOPE, key=client, limit=WRONG_TRIES_LIMIT, window=WRONG_TRIES_WINDOW
        )
    return GateOutcome(verdict=verdict)


def gate_unlock_session(*, session: SessionBase) -> None:
    """Mark the session: offers unlocked for ``UNLOCK_FOR``. A time, no digits."""
    session[SESSION_UNLOCKED_UNTIL] = (clock.now() + UNLOCK_FOR).isoformat()


def gate_unlocked(*, session: SessionBase) -> bool:
    raw = session.get(SESSION_UNLOCKED_UNTIL)
    if not isinstance(raw, str):
        return False
    try:
        until = dt.datetime.fromisoformat(raw)
    except ValueError:
        return False
    return until.tzinfo is not None and clock.now() < until
