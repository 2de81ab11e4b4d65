"""What the data inventory and the retention engine know about card accounts.

Four categories, registered children first (``transactions``, ``points``,
``statements``, then ``card_accounts``) so that erasure and retention remove — and
report — each row under its own category before the row it hangs on goes (a
statement's points entry, an account's everything). Everything is kept while the
account is open (the running credit agreement) and for 5 years after it closes
(Money Laundering Regulations 2017, reg. 40), then deleted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.db import models

from partnership.cards.models import (
    CardAccount,
    CardAccountStatus,
    PointsEntry,
    Statement,
    Transaction,
)
from partnership.core import clock
from partnership.crypto.fields import encrypted_fields
from partnership.privacy import inventory, retention
from partnership.privacy.erase_rows import erase_unless_held
from partnership.privacy.inventory import (
    ErasureOutcome,
    InventoryEntry,
    LawfulBasis,
    LegalHold,
    PersonalField,
)
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

_C = LawfulBasis.CONTRACT
_L = LawfulBasis.LEGAL_OBLIGATION
_TRANSACTION_ENCRYPTED = ("description", "category", "amount", "points_earned")
_RECORD = "To show your statements and, as money-laundering law requires, keep a record."


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


def _erase(
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


def _closed_accounts_rows(model: type[models.Model]) -> Callable[[], models.QuerySet[Any]]:
    def queryset() -> models.QuerySet[Any]:
        return model._default_manager.filter(
            account__status=CardAccountStatus.CLOSED, account__closed_on__isnull=False
        )

    return queryset


def _closed_accounts() -> models.QuerySet[Any]:
    return CardAccount.objects.filter(status=CardAccountStatus.CLOSED, closed_on__isnull=False)


_AFTER_CLOSE = (
    "while the card account is open and for 5 years after it closes, as the Money "
    "Laundering Regulations 2017 (reg. 40) require, then deleted"
)

RULES = (
    retention.TableRule(
        name="card-transactions",
        description=f"Card transactions: kept {_AFTER_CLOSE}.",
        queryset=_closed_accounts_rows(Transaction),
        aged_by="account__closed_on",
        period=RETENTION_PERIOD,
    ),
    retention.TableRule(
        name="card-points",
        description=f"Partnership points history: kept {_AFTER_CLOSE}.",
        queryset=_closed_accounts_rows(PointsEntry),
        aged_by="account__closed_on",
        period=RETENTION_PERIOD,
    ),
    retention.TableRule(
        name="card-statements",
        description=f"Card statements: kept {_AFTER_CLOSE}.",
        queryset=_closed_accounts_rows(Statement),
        aged_by="account__closed_on",
        period=RETENTION_PERIOD,
    ),
    retention.TableRule(
        name="card-accounts",
        description=(
            f"Card accounts: kept {_AFTER_CLOSE} (after their transactions, statements and points)."
        ),
        queryset=_closed_accounts,
        aged_by="closed_on",
        period=RETENTION_PERIOD,
    ),
)

ENTRIES = (
    InventoryEntry(
        model=Transaction,
        category="transactions",
        description="Every purchase, refund, payment, interest charge and fee on your card.",
        fields=(
            PersonalField("posted_on", "Date", _RECORD, _L, encrypted=False),
            PersonalField("kind", "Type of transaction", _RECORD, _L, encrypted=False),
            PersonalField("description", "Description", _RECORD, _L, encrypted=True),
            PersonalField("amount", "Amount", _RECORD, _L, encrypted=True),
            PersonalField("category", "Spending category", "To group your spending.", _C, True),
            PersonalField(
                "points_earned", "Points earned", "To award Partnership points.", _C, True
            ),
        ),
        retention_rule="card-transactions",
        legal_holds=HOLDS,
        export=transaction_export,
        erase=_erase(Transaction, "account_id"),
    ),
    InventoryEntry(
        model=PointsEntry,
        category="points",
        description="Partnership points you earned and redeemed.",
        fields=(
            PersonalField("occurred_on", "Date", "To keep your points history.", _C, False),
            PersonalField("kind", "Earned or redeemed", "To keep your points history.", _C, False),
            PersonalField("description", "What for", "To keep your points history.", _C, True),
            PersonalField("points", "Points", "To keep your points balance right.", _C, True),
        ),
        retention_rule="card-points",
        legal_holds=HOLDS,
        export=points_export,
        erase=_erase(PointsEntry, "account_id"),
    ),
    InventoryEntry(
        model=Statement,
        category="statements",
        description="Your monthly statements: balances, totals, minimum payment and due date.",
        fields=(
            PersonalField("period_start", "Period start", "To send your statement.", _C, False),
            PersonalField("period_end", "Period end", "To send your statement.", _C, False),
            PersonalField("due_on", "Payment due date", "To tell you when to pay.", _C, False),
            *(
                PersonalField(name, label, "To send your statement.", _C, encrypted=True)
                for name, label in (
                    ("opening_balance", "Opening balance"),
                    ("closing_balance", "Closing balance"),
                    ("money_out", "Money out"),
                    ("money_in", "Money in"),
                    ("minimum_payment", "Minimum payment"),
                    ("points_earned", "Points earned"),
                )
            ),
        ),
        retention_rule="card-statements",
        legal_holds=HOLDS,
        export=statement_export,
        erase=_erase(Statement, "account_id"),
    ),
    InventoryEntry(
        model=CardAccount,
        category="card_accounts",
        description=(
            "Your card account: the card number (exported masked), limit, balance, rate, "
            "payments due and points balance."
        ),
        fields=(
            PersonalField("pan", "Card number", "To process payments on your card.", _C, True),
            PersonalField(
                "pan_last4", "Last four digits", "To show which card this is.", _C, False
            ),
            PersonalField("status", "Open or closed", "To run your account.", _C, False),
            PersonalField("opened_on", "Opened", "To run your account.", _C, False),
            PersonalField("closed_on", "Closed", "To know how long to keep records.", _C, False),
            PersonalField("credit_limit", "Credit limit", "To lend within your limit.", _C, True),
            PersonalField("balance", "Balance", "To show what you owe.", _C, True),
            PersonalField("apr", "Interest rate (APR)", "To charge the agreed interest.", _C, True),
            PersonalField(
                "minimum_payment", "Minimum payment", "To tell you what to pay.", _C, True
            ),
            PersonalField("payment_due_on", "Payment due", "To tell you when to pay.", _C, False),
            PersonalField("points_balance", "Points balance", "To run the points.", _C, True),
        ),
        retention_rule="card-accounts",
        legal_holds=HOLDS,
        export=card_account_export,
        erase=_erase(CardAccount, "pk"),
    ),
)


def register() -> None:
    for rule in RULES:
        retention.register(rule)
    for entry in ENTRIES:
        inventory.register(entry)
