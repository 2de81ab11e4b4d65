"""The card pages: the account page's card panel, activation, freeze, lost or stolen,
replacement progress."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from partnership.accounts.tests.conftest import frozen_clock  # noqa: F401
from partnership.accounts.tests.support import sign_in
from partnership.cards.models import Card, CardStatus, TransactionDispute
from partnership.cards.tests.card_support import account_with_card
from partnership.cards.tests.factories import post, purchase

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]


def signed_in(user: object) -> Client:
    client = Client()
    sign_in(client, user)  # type: ignore[arg-type]
    return client


def test_the_account_page_shows_the_card_masked_with_expiry_and_status() -> None:
    user, _account, card = account_with_card(active=False)

    page = signed_in(user).get("/account/card/").content.decode()

    assert f"•••• •••• •••• {card.pan_last4}" in page
    assert "10/29" in page
    assert "Not yet activated" in page
    assert "Card arrived? Activate it" in page
    assert card.pan not in page


def test_activation_with_wrong_details_is_a_400_and_the_right_ones_activate() -> None:
    user, _account, card = account_with_card(active=False)
    client = signed_in(user)
    wrong = "0000" if card.pan_last4 != "0000" else "1111"

    refused = client.post("/account/card/activate/", {"last4": wrong, "expiry": "10/29"})
    malformed = client.post("/account/card/activate/", {"last4": "12a4", "expiry": "13/29"})

    assert refused.status_code == 400
    assert "Those details do not match your new card." in refused.content.decode()
    assert malformed.status_code == 400
    assert "Enter exactly four digits" in malformed.content.decode()
    assert "The month must be from 01 to 12." in malformed.content.decode()
    card.refresh_from_db()
    assert card.status == CardStatus.INACTIVE
    done = client.post("/account/card/activate/", {"last4": card.pan_last4, "expiry": "10/2029"})
    assert (done.status_code, done["Location"]) == (302, "/account/card/")
    card.refresh_from_db()
    assert card.status == CardStatus.ACTIVE


def test_freeze_shows_on_the_page_and_a_second_freeze_is_a_409() -> None:
    user, _account, card = account_with_card()
    client = signed_in(user)

    first = client.post("/account/card/freeze/")
    page = client.get("/account/card/").content.decode()
    second = client.post("/account/card/freeze/")

    assert first.status_code == 302
    assert "Your card is frozen." in page
    assert "Unfreeze my card" in page
    assert "Frozen" in page  # the activity
    assert second.status_code == 409
    assert "Your card is already frozen." in second.content.decode()
    assert client.post("/account/card/unfreeze/").status_code == 302
    card.refresh_from_db()
    assert card.status == CardStatus.ACTIVE


def test_reporting_stolen_on_the_page_shows_the_replacement() -> None:
    user, account, card = account_with_card()
    [row] = post(account, purchase(dt.date(2026, 11, 20), "Online Marketplace UK", "49.99"))
    client = signed_in(user)

    form = client.get("/account/card/lost/").content.decode()
    incomplete = client.post("/account/card/lost/", {"reason": "stolen", "address": "new"})
    done = client.post(
        "/account/card/lost/",
        {"reason": "stolen", "address": "on_file", "not_mine": [str(row.pk)]},
    )

    assert "20 December 2027" in form  # 13 months after the debit date
    assert "£35" in form
    assert incomplete.status_code == 400
    assert "Enter the code from your authenticator app." in incomplete.content.decode()
    assert (done.status_code, done["Location"]) == (302, "/account/card/replacement/")
    replacement = Card.objects.get(replaces=card)
    progress = client.get("/account/card/replacement/").content.decode()
    assert f"Your new card ends {replacement.pan_last4}" in progress
    assert "Card arrived? Activate it" in progress
    assert TransactionDispute.objects.get().transaction_id == row.pk
    again = client.get("/account/card/lost/").content.decode()
    assert "Block my card" in again  # the replacement (inactive) can itself be reported
