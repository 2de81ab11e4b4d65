"""Posting to an account: transactions (with their points) and payments received.

Every posting moves the balance by its total under a lock on the account row, so two
postings at once cannot lose one another's amount.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal

from django.db import transaction

from partnership.alerts.models import AlertKind
from partnership.alerts.services import alert_raise
from partnership.cards.models import (
    CardAccount,
    SpendingCategory,
    Transaction,
    TransactionKind,
)
from partnership.cards.services.errors import CardServiceError

ZERO = Decimal("0.00")
# Points per whole pound spent: more in the Partnership's own shops.
POINTS_PER_POUND = Decimal(1)
PARTNERSHIP_POINTS_PER_POUND = Decimal(3)


@dataclass(frozen=True)
class TransactionInput:
    posted_on: dt.date
    kind: TransactionKind
    description: str
    category: SpendingCategory
    amount: Decimal  # positive adds to the balance; payments and refunds are negative


def transaction_points(*, kind: str, category: str, amount: Decimal) -> Decimal:
    """Points for one transaction: per whole pound of a purchase, taken back on a refund."""
    if kind not in (TransactionKind.PURCHASE, TransactionKind.REFUND):
        return Decimal(0)
    rate = (
        PARTNERSHIP_POINTS_PER_POUND
        if category == SpendingCategory.PARTNERSHIP
        else POINTS_PER_POUND
    )
    pounds = abs(amount).to_integral_value(rounding=ROUND_FLOOR)
    return pounds * rate if amount > 0 else -pounds * rate


def transactions_post(
    *, account: CardAccount, entries: Sequence[TransactionInput]
) -> list[Transaction]:
    """Post transactions to the account and move its balance by their total."""
    rows = [
        Transaction(
            account=account,
            posted_on=entry.posted_on,
            kind=entry.kind,
            description=entry.description,
            category=entry.category,
            amount=entry.amount,
            points_earned=transaction_points(
                kind=entry.kind, category=entry.category, amount=entry.amount
            ),
        )
        for entry in entries
    ]
    for row in rows:
        row.full_clean(exclude=["account"])
    with transaction.atomic():
        locked = CardAccount.objects.select_for_update().get(pk=account.pk)
        created = Transaction.objects.bulk_create(rows)
        locked.balance = locked.balance + sum((row.amount for row in rows), ZERO)
        locked.save(update_fields=["balance"])
    account.balance = locked.balance
    return created


def payment_post(
    *, account: CardAccount, posted_on: dt.date, amount: Decimal, description: str
) -> Transaction:
    """Post a payment received (a positive ``amount``): it lowers the balance, so raises
    the available credit, and counts towards this month's minimum payment.

    Used by ``payments`` for one-off payments and Direct Debit collections.
    """
    if amount <= ZERO:
        raise CardServiceError("A payment must be more than £0.00.")
    with transaction.atomic():
        [posted] = transactions_post(
            account=account,
            entries=[
                TransactionInput(
                    posted_on=posted_on,
                    kind=TransactionKind.PAYMENT,
                    description=description,
                    category=SpendingCategory.ACCOUNT,
                    amount=-amount,
                )
            ],
        )
        locked = CardAccount.objects.select_for_update().get(pk=account.pk)
        locked.minimum_payment = max(ZERO, locked.minimum_payment - amount)
        locked.save(update_fields=["minimum_payment"])
        # Sent once the payment commits (alert_raise waits for it), to those who chose it.
        alert_raise(user=locked.owner, kind=AlertKind.PAYMENT_RECEIVED)
    account.minimum_payment = locked.minimum_payment
    return posted
