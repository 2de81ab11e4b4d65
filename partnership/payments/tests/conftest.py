from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client

from partnership.accounts.models import User
from partnership.accounts.tests.conftest import FrozenClock
from partnership.accounts.tests.support import customer_make, sign_in
from partnership.cards.models import CardAccount
from partnership.cards.tests.factories import account_create, post, purchase
from partnership.core import clock


@pytest.fixture
def frozen_clock(monkeypatch: pytest.MonkeyPatch) -> FrozenClock:
    frozen = FrozenClock(dt.datetime(2026, 11, 25, 10, 7, 10, tzinfo=dt.UTC))
    monkeypatch.setattr(clock, "now", frozen.now)
    return frozen


@pytest.fixture
def ada(db: None, frozen_clock: FrozenClock) -> User:
    return customer_make()


@pytest.fixture
def account(ada: User) -> CardAccount:
    """An account owing £200.00, with a minimum payment of £25.00 due 15 January 2027."""
    account = account_create(owner=ada, opened_on=dt.date(2026, 1, 1))
    post(account, purchase(dt.date(2026, 11, 2), "Corner Grocer", "200.00"))
    account.minimum_payment = Decimal("25.00")
    account.payment_due_on = dt.date(2027, 1, 15)
    account.save(update_fields=["minimum_payment", "payment_due_on"])
    account.refresh_from_db()
    return account


@pytest.fixture
def client(ada: User, account: CardAccount) -> Client:
    client = Client()
    sign_in(client, ada)
    return client
