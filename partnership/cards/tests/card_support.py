"""A customer (with an authenticator) whose account's card is active, for card tests."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from partnership.accounts.models import User
from partnership.accounts.tests.support import customer_make
from partnership.audit.services import Actor
from partnership.cards import services
from partnership.cards.models import Card, CardAccount
from partnership.cards.services.controls import card_activate

OPENED = dt.date(2026, 10, 1)


def account_with_card(
    email: str = "ada.test@example.com", *, active: bool = True, seed: int = 1
) -> tuple[User, CardAccount, Card]:
    user = customer_make(email)
    account = services.card_account_open(
        owner_id=user.pk,
        opened_on=OPENED,
        credit_limit=Decimal("1000.00"),
        apr=Decimal("24.90"),
        rng=random.Random(seed),
    )
    card = account.cards.get()
    if active:
        card_activate(
            card=card,
            last4=card.pan_last4,
            expiry_month=card.expiry_month,
            expiry_year=card.expiry_year,
            actor=Actor.customer(user.pk),
        )
    return user, account, card
