"""Every alert kind, rendered for e-mail and text message: no card number, balance,
amount or name beyond the first name."""

from __future__ import annotations

import re

import pytest

from partnership.alerts.models import STATEMENT_READY, AlertKind
from partnership.alerts.texts import FACTS, alert_text, first_name

# The facts each kind is rendered with (as alert_raise passes them on).
RENDERED: dict[str, list[dict[str, object]]] = {
    AlertKind.PAYMENT_DUE: [{"days_left": 1}, {"days_left": 7}],
    AlertKind.PAYMENT_RECEIVED: [{}],
    AlertKind.LIMIT: [{"over": False}, {"over": True}],
    AlertKind.CARD_STATUS: [{"status": "frozen"}, {"status": "blocked"}],
    AlertKind.PURCHASE_OVER: [{}],
    AlertKind.NEW_DEVICE: [{}],
    STATEMENT_READY: [{}],
}
_MONEY = re.compile(r"£|GBP|\d+\.\d\d|\bpounds?\b", re.IGNORECASE)
_CARD_NUMBER = re.compile(r"\d[\d ]{11,}\d|\*{2,}")
_HELPLINE = "0808 157 0123"


def test_every_kind_has_words_and_facts() -> None:
    assert set(RENDERED) == set(FACTS) == {*AlertKind, STATEMENT_READY}


@pytest.mark.parametrize("sms", [False, True], ids=["email", "sms"])
@pytest.mark.parametrize("kind", list(RENDERED))
def test_no_card_number_balance_amount_or_surname(kind: str, sms: bool) -> None:
    for facts in RENDERED[kind]:
        text = alert_text(
            kind=kind, first=first_name("Ada Lovelace-Testperson"), facts=facts, sms=sms
        )
        whole = f"{text.subject}\n{text.body}".replace(_HELPLINE, "")
        assert "Ada" in whole
        assert "Lovelace" not in whole
        assert "Testperson" not in whole
        assert not _MONEY.search(whole), whole
        assert not _CARD_NUMBER.search(whole), whole
        assert "balance is" not in whole or kind == AlertKind.LIMIT
        assert (text.subject == "") is sms


def test_the_words_say_what_happened() -> None:
    def body(kind: str, **facts: object) -> str:
        return alert_text(kind=kind, first="Ada", facts=facts, sms=True).body

    assert "payment is due tomorrow." in body(AlertKind.PAYMENT_DUE, days_left=1)
    assert "payment is due in 7 days." in body(AlertKind.PAYMENT_DUE, days_left=7)
    assert "close to your credit limit" in body(AlertKind.LIMIT, over=False)
    assert "over your credit limit" in body(AlertKind.LIMIT, over=True)
    assert "your card is frozen" in body(AlertKind.CARD_STATUS, status="frozen")
    assert "blocked for good" in body(AlertKind.CARD_STATUS, status="blocked")
    assert body(AlertKind.NEW_DEVICE).startswith("Harbourline Partnership Card: Hello Ada, someone")
    assert _HELPLINE in body(AlertKind.NEW_DEVICE)
    assert "/account/login/" in body(AlertKind.PAYMENT_RECEIVED)


def test_only_the_first_word_of_a_name_is_used() -> None:
    assert first_name("Ada Lovelace-Testperson") == "Ada"
    assert first_name("  ") == ""
    assert first_name(None) == ""
    email = alert_text(kind=AlertKind.NEW_DEVICE, first="", facts={}, sms=False)
    assert email.body.startswith("Hello,\n\nSomeone signed in")
