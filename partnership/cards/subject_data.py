"""A person's card data, exported and erased for them (subject access, erasure).

Rows go or stay with the card account they belong to: kept while it is open (the
running credit agreement) and for 5 years after it closes (Money Laundering
Regulations 2017, reg. 40). The declarations that use these are in
``cards/personal_data.py``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.db import models

from partnership.cards.models import (
    Card,
    CardAccount,
    CardStatusChange,
    PointsEntry,
    Statement,
    Transaction,
    TransactionDispute,
)
from partnership.core import clock
from partnership.crypto.fields import encrypted_fields
from partnership.privacy.erase_rows import erase_unless_held
from partnership.privacy.inventory import ErasureOutcome, LegalHold
from partnership.privacy.subjects import DataSubject

# Five years and two leap days after the account closes.
RETENTION_PERIOD = dt.timedelta(days=5 * 365 + 2)

HOLD_AML = LegalHold(
    name="mlr-2017-reg-40",
    law="Money Laundering, Terrorist Financing and Transfer of Funds Regulations 2017, reg. 40",
    period="5 years after the card account closes (the end of the business relationship)",
)
HOLD_AGREEMENT = LegalHold(
    name="cca-1974-open-agreement",
    law="Consumer Credit Act 1974, ss. 77A-78 (statements and records of a running agreement)",
    period="while the card account is open",
)
HOLDS = (HOLD_AML, HOLD_AGREEMENT)

_TRANSACTION_ENCRYPTED = ("description", "category", "amount", "points_earned")


def _account_holds(subject: DataSubject) -> dict[Any, LegalHold | None]:
    """Each of the person's accounts, with the hold that keeps its records (or None)."""
    if subject.user_id is None:
        return {}
    cutoff = clock.today_in_london() - RETENTION_PERIOD
    holds: dict[Any, LegalHold | None] = {}
    for pk, closed_on in CardAccount.objects.filter(owner_id=subject.user_id).values_list(
        "pk", "closed_on"
    ):
        if closed_on is None:
            holds[pk] = HOLD_AGREEMENT
        elif closed_on >= cutoff:
            holds[pk] = HOLD_AML
        else:
            holds[pk] = None
    return holds


def erase_by_account(
    model: type[models.Model], account_field: str
) -> Callable[[DataSubject], ErasureOutcome]:
    """Rows go or stay with the account they belong to, by that account's hold."""

    def erase(subject: DataSubject) -> ErasureOutcome:
        holds = _account_holds(subject)
        rows = (
            model._default_manager.filter(**{f"{account_field}__in": list(holds)})
            .only("pk", account_field)
            .order_by(account_field, "pk")
        )
        return erase_unless_held(rows, lambda row: holds[getattr(row, account_field)])

    return erase


def _owned(model: type[models.Model], subject: DataSubject) -> models.QuerySet[Any]:
    if subject.user_id is None:
        return model._default_manager.none()
    return model._default_manager.filter(account__owner_id=subject.user_id)


def card_account_export(subject: DataSubject) -> list[dict[str, Any]]:
    """The accounts, with the card number masked: the full number is never exported."""
    if subject.user_id is None:
        return []
    return [
        {
            "id": account.pk,
            "product": account.get_product_display(),
            "status": account.status,
            "card_number": account.masked_pan,
            "opened_on": account.opened_on,
            "closed_on": account.closed_on,
            "credit_limit": account.credit_limit,
            "balance": account.balance,
            "available_credit": account.available_credit,
            "apr_percent": account.apr,
            "minimum_payment": account.minimum_payment,
            "payment_due_on": account.payment_due_on,
            "points_balance": int(account.points_balance),
        }
        for account in CardAccount.objects.filter(owner_id=subject.user_id)
        .defer("pan")
        .order_by("opened_on", "id")
    ]


def transaction_export(subject: DataSubject) -> list[dict[str, Any]]:
    """Every transaction of the person's accounts, oldest first per account.

    Read as stored values and decrypted field by field (each value still bound to its
    model, field and row): ten years of history is some 13,000 rows, and skipping the
    model instances keeps the export within its time budget.
    """
    fields = {field.attname: field for field in encrypted_fields(Transaction)}
    names = ("id", "account_id", "posted_on", "kind", *_TRANSACTION_ENCRYPTED)
    rows = _owned(Transaction, subject).order_by("account_id", "posted_on", "id")
    exported: list[dict[str, Any]] = []
    for values in rows.values_list(*names).iterator(chunk_size=2000):
        record = dict(zip(("id", "card_account_id", "posted_on", "kind"), values[:4], strict=True))
        pk = values[0]
        for name, stored in zip(_TRANSACTION_ENCRYPTED, values[4:], strict=True):
            record[name] = fields[name].decrypt_stored(stored, pk=pk)
        record["points_earned"] = int(record["points_earned"])
        exported.append(record)
    return exported


def statement_export(subject: DataSubject) -> list[dict[str, Any]]:
    rows = _owned(Statement, subject).order_by("account_id", "period_start")
    return [
        {
            "id": row.pk,
            "card_account_id": row.account_id,
            "period_start": row.period_start,
            "period_end": row.period_end,
            "opening_balance": row.opening_balance,
            "money_out": row.money_out,
            "money_in": row.money_in,
            "closing_balance": row.closing_balance,
            "minimum_payment": row.minimum_payment,
            "due_on": row.due_on,
            "points_earned": int(row.points_earned),
        }
        for row in rows
    ]


def points_export(subject: DataSubject) -> list[dict[str, Any]]:
    rows = _owned(PointsEntry, subject).order_by("account_id", "occurred_on", "id")
    return [
        {
            "id": row.pk,
            "card_account_id": row.account_id,
            "occurred_on": row.occurred_on,
            "kind": row.kind,
            "description": row.description,
            "points": int(row.points),
        }
        for row in rows
    ]


def card_export(subject: DataSubject) -> list[dict[str, Any]]:
    """Each card, masked (the full number is never exported), with its expiry and status."""
    rows = _owned(Card, subject).defer("pan").order_by("account_id", "issued_on", "created_at")
    return [
        {
            "id": card.pk,
            "card_account_id": card.account_id,
            "card_number": card.masked_pan,
            "expiry": card.expiry_label,
            "status": card.status,
            "issued_on": card.issued_on,
            "activated_on": card.activated_on,
            "blocked_on": card.blocked_on,
            "block_reason": card.block_reason,
            "replaces_card_id": card.replaces_id,
        }
        for card in rows
    ]


def card_status_export(subject: DataSubject) -> list[dict[str, Any]]:
    """The card status history: every change, oldest first."""
    rows = _owned(CardStatusChange, subject).order_by("changed_at", "id")
    return [
        {
            "card_id": row.card_id,
            "from_status": row.from_status,
            "to_status": row.to_status,
            "changed_at": row.changed_at,
            "changed_by": row.changed_by,
        }
        for row in rows
    ]


def dispute_export(subject: DataSubject) -> list[dict[str, Any]]:
    rows = _owned(TransactionDispute, subject).order_by("raised_at", "id")
    return [
        {
            "id": row.pk,
            "card_id": row.card_id,
            "transaction_id": row.transaction_id,
            "status": row.status,
            "raised_at": row.raised_at,
            "outcome_on": row.outcome_on,
            "outcome_note": row.outcome_note,
            "credit_transaction_id": row.credit_id,
        }
        for row in rows
    ]
