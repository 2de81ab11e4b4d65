"""The words of every alert, by kind: the customer's first name and a fact that is not
money (days until the due date, frozen or blocked, near or over the limit).

No card number, balance, amount, limit or full name ever reaches these texts: the
facts a kind may carry are listed in ``FACTS`` and checked before rendering
(``tests/test_texts.py`` renders every kind and looks for each).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings

from partnership.alerts.models import STATEMENT_READY, AlertKind
from partnership.core.mail import SIGN_IN_PATH, site_url_default

CARD_STATUSES = ("frozen", "blocked")


@dataclass(frozen=True)
class AlertText:
    subject: str  # the e-mail subject (an SMS has none)
    body: str
    # An e-mail's paragraphs above its footer: what the HTML part says (``body`` is
    # the text part). An SMS has none.
    lines: tuple[str, ...] = ()


def sign_in_url() -> str:
    """Where the customer signs in, for texts sent outside any request."""
    return site_url_default() + SIGN_IN_PATH


def _days(n: int) -> str:
    return "tomorrow" if n == 1 else f"in {n} days"


def _payment_due(facts: Mapping[str, object]) -> tuple[str, str]:
    days = facts["days_left"]
    assert isinstance(days, int)
    return ("Your payment is due soon", f"your card payment is due {_days(days)}.")


def _limit(facts: Mapping[str, object]) -> tuple[str, str]:
    if facts.get("over"):
        return ("You are over your credit limit", "your card balance is over your credit limit.")
    return ("You are near your credit limit", "your card balance is close to your credit limit.")


def _card_status(facts: Mapping[str, object]) -> tuple[str, str]:
    status = facts["status"]
    assert status in CARD_STATUSES
    if status == "frozen":
        return ("Your card is frozen", "your card is frozen: new purchases will be declined.")
    return ("Your card is blocked", "your card is blocked for good and cannot be used again.")


_WORDS: dict[str, Callable[[Mapping[str, object]], tuple[str, str]]] = {
    AlertKind.PAYMENT_DUE: _payment_due,
    AlertKind.PAYMENT_RECEIVED: lambda _: (
        "We have received your payment",
        "we have received a payment to your card account. Thank you.",
    ),
    AlertKind.LIMIT: _limit,
    AlertKind.CARD_STATUS: _card_status,
    AlertKind.PURCHASE_OVER: lambda _: (
        "A large purchase on your card",
        "a purchase over the amount you set has been made on your card.",
    ),
    AlertKind.NEW_DEVICE: lambda _: (
        "A new device signed in to your account",
        "someone signed in to your online account on a device we had not seen before.",
    ),
    STATEMENT_READY: lambda _: (
        "Your statement is ready",
        "your new card statement is ready to read online.",
    ),
}

# The facts ``alert_raise`` may be given for each kind, and of what type. ``amount`` and
# ``used_percent`` decide whether to send and are never rendered; ``over`` (derived
# from ``used_percent``), ``days_left`` and ``status`` are.
FACTS: dict[str, dict[str, type]] = {
    AlertKind.PAYMENT_DUE: {"days_left": int},
    AlertKind.PAYMENT_RECEIVED: {},
    AlertKind.LIMIT: {"used_percent": int},
    AlertKind.CARD_STATUS: {"status": str},
    AlertKind.PURCHASE_OVER: {"amount": Decimal},
    AlertKind.NEW_DEVICE: {},
    STATEMENT_READY: {},
}


ALERT_FOOTER = "You asked for this alert. To change your alerts, sign in and choose Alerts."


def first_name(full_name: str | None) -> str:
    """The first word of the name, or nothing: never more of the name."""
    parts = (full_name or "").split()
    return parts[0] if parts else ""


def alert_text(*, kind: str, first: str, facts: Mapping[str, object], sms: bool) -> AlertText:
    subject, sentence = _WORDS[kind](facts)
    greeting = f"Hello {first}," if first else "Hello,"
    brand = settings.BRAND["card_name"]
    if kind == AlertKind.NEW_DEVICE:
        check = (
            f"If it was not you, change your password and call us on {settings.BRAND['helpline']}."
        )
    else:
        check = f"Sign in to see the details: {sign_in_url()}"
    if sms:
        return AlertText(subject="", body=f"{brand}: {greeting} {sentence} {check}")
    lines = (greeting, f"{sentence[0].upper()}{sentence[1:]}", check)
    body = "\n\n".join((*lines, ALERT_FOOTER, brand)) + "\n"
    return AlertText(subject=f"{brand}: {subject}", body=body, lines=lines)
