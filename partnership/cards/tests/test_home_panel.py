from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from partnership.accounts.tests.support import sign_in
from partnership.cards.models import CardAccount

pytestmark = pytest.mark.django_db


def test_account_home_shows_the_card_summary_masked(customer: Any, account: CardAccount) -> None:
    client = Client()
    sign_in(client, customer)

    body = client.get("/account/").content.decode()

    assert '<section class="account-panel" id="panel-card-summary">' in body
    assert account.masked_pan in body
    assert '<a href="/account/card/transactions/">Transactions</a>' in body
    assert account.pan_last4 in body
    assert account.pan not in body


def test_account_home_without_a_card_says_so(customer: Any) -> None:
    client = Client()
    sign_in(client, customer)

    body = client.get("/account/").content.decode()

    assert "You have no card account with us yet." in body
