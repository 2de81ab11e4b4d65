"""Customers, card accounts and transactions for the card tests.

``customer_create`` is the one place that knows how a user is made: when the
Accounts app changes the user model, only it changes.
"""

from __future__ import annotations

import datetime as dt
import random
import secrets
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model

from partnership.cards import services
from partnership.cards.models import (
    CardAccount,
    SpendingCategory,
    Transaction,
    TransactionDispute,
    TransactionKind,
)
from partnership.cards.services.posting import TransactionInput, transactions_post


def customer_create(*, staff: bool = False) -> Any:
    return get_user_model().objects.create_user(
        f"customer-{secrets.token_hex(8)}@example.org", None, is_staff=staff
    )


def account_create(
    *, owner: Any, opened_on: dt.date = dt.date(2025, 1, 1), seed: int = 1
) -> CardAccount:
    return services.card_account_open(
        owner_id=owner.pk,
        opened_on=opened_on,
        credit_limit=Decimal("5000.00"),
        apr=Decimal("24.90"),
        rng=random.Random(seed),
    )


def purchase(
    posted_on: dt.date,
    description: str,
    amount: str,
    *,
    kind: TransactionKind = TransactionKind.PURCHASE,
    category: SpendingCategory = SpendingCategory.GROCERIES,
) -> TransactionInput:
    return TransactionInput(posted_on, kind, description, category, Decimal(amount))


def post(account: CardAccount, *entries: TransactionInput) -> list[Transaction]:
    return transactions_post(account=account, entries=entries)


def dispute_make(*, account: CardAccount, transaction: Transaction) -> TransactionDispute:
    """A dispute on the account's first card, as a lost-card report leaves one."""
    return TransactionDispute.objects.create(
        account=account, card=account.cards.earliest("created_at"), transaction=transaction
    )
