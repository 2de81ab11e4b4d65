"""Reads for the payment pages: None for "not found / not yours" (the view answers 404)."""

from __future__ import annotations

import datetime as dt
import uuid

from django.db.models import QuerySet

from partnership.cards.models import CardAccount
from partnership.payments.models import (
    CollectionStatus,
    DirectDebitCollection,
    DirectDebitInstruction,
    DirectDebitStatus,
    Payment,
)


def payment_for_owner(*, owner_id: uuid.UUID, payment_id: uuid.UUID) -> Payment | None:
    return (
        Payment.objects.select_related("account")
        .filter(pk=payment_id, account__owner_id=owner_id)
        .first()
    )


def payments_recent(*, account: CardAccount, limit: int = 12) -> QuerySet[Payment]:
    return Payment.objects.filter(account=account).order_by("-started_at", "-id")[:limit]


def direct_debit_active(*, account: CardAccount) -> DirectDebitInstruction | None:
    return (
        DirectDebitInstruction.objects.filter(account=account, status=DirectDebitStatus.ACTIVE)
        .defer("account_number")
        .first()
    )


def collection_upcoming(
    *, instruction: DirectDebitInstruction, today: dt.date
) -> DirectDebitCollection | None:
    return (
        instruction.collections.filter(status=CollectionStatus.NOTIFIED, due_on__gte=today)
        .order_by("due_on")
        .first()
    )


def collections_recent(
    *, instruction: DirectDebitInstruction, limit: int = 6
) -> QuerySet[DirectDebitCollection]:
    return instruction.collections.exclude(status=CollectionStatus.NOTIFIED).order_by("-due_on")[
        :limit
    ]
