"""What the data inventory and the retention engine know about card accounts.

Four categories, registered children first (``transactions``, ``points``,
``statements``, then ``card_accounts``) so that erasure and retention remove — and
report — each row under its own category before the row it hangs on goes (a
statement's points entry, an account's everything). Everything is kept while the
account is open (the running credit agreement) and for 5 years after it closes
(Money Laundering Regulations 2017, reg. 40), then deleted. How each category is
exported and erased for one person: ``cards/subject_data.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import models

from partnership.cards.models import (
    Card,
    CardAccount,
    CardAccountStatus,
    CardStatusChange,
    PointsEntry,
    Statement,
    Transaction,
    TransactionDispute,
)
from partnership.cards.subject_data import (
    HOLD_AGREEMENT,
    HOLD_AML,
    HOLDS,
    RETENTION_PERIOD,
    card_account_export,
    card_export,
    card_status_export,
    dispute_export,
    erase_by_account,
    points_export,
    statement_export,
    transaction_export,
)
from partnership.privacy import inventory, retention
from partnership.privacy.inventory import InventoryEntry, LawfulBasis, PersonalField

__all__ = [
    "ENTRIES",
    "HOLDS",
    "HOLD_AGREEMENT",
    "HOLD_AML",
    "RETENTION_PERIOD",
    "RULES",
    "register",
]

_C = LawfulBasis.CONTRACT
_L = LawfulBasis.LEGAL_OBLIGATION
_RECORD = "To show your statements and, as money-laundering law requires, keep a record."


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
        name="card-disputes",
        description=f"Transactions reported as not yours: kept {_AFTER_CLOSE}.",
        queryset=_closed_accounts_rows(TransactionDispute),
        aged_by="account__closed_on",
        period=RETENTION_PERIOD,
    ),
    retention.TableRule(
        name="card-status-history",
        description=f"Card status history: kept {_AFTER_CLOSE}.",
        queryset=_closed_accounts_rows(CardStatusChange),
        aged_by="account__closed_on",
        period=RETENTION_PERIOD,
    ),
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
        name="cards",
        description=f"Cards (number, expiry, status): kept {_AFTER_CLOSE}.",
        queryset=_closed_accounts_rows(Card),
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

_CARD = "To run your card and keep a record of what happened to it."

ENTRIES = (
    InventoryEntry(
        model=TransactionDispute,
        category="card_disputes",
        description="Transactions you told us were not yours when you reported a card.",
        fields=(
            PersonalField("transaction", "Transaction", "To investigate the dispute.", _L, False),
            PersonalField("card", "Card reported", "To investigate the dispute.", _L, False),
            PersonalField("status", "Open, upheld or rejected", "To settle it.", _L, False),
            PersonalField("raised_at", "Reported", "To investigate the dispute.", _L, False),
            PersonalField("outcome_on", "Decided", "To show when we decided.", _L, False),
            PersonalField("decided_by", "Decided by", "To answer for the decision.", _L, False),
            PersonalField("outcome_note", "Outcome note", "What the agent found.", _L, True),
            PersonalField("credit", "Refund", "What an upheld dispute credited.", _L, False),
        ),
        retention_rule="card-disputes",
        legal_holds=HOLDS,
        export=dispute_export,
        erase=erase_by_account(TransactionDispute, "account_id"),
    ),
    InventoryEntry(
        model=CardStatusChange,
        category="card_status_history",
        description="Each time a card was issued, activated, frozen, unfrozen or blocked.",
        fields=(
            PersonalField("from_status", "Status before", _CARD, _C, encrypted=False),
            PersonalField("to_status", "Status after", _CARD, _C, encrypted=False),
            PersonalField("changed_at", "When", _CARD, _C, encrypted=False),
            PersonalField("changed_by", "By whom", _CARD, _C, encrypted=False),
        ),
        retention_rule="card-status-history",
        legal_holds=HOLDS,
        export=card_status_export,
        erase=erase_by_account(CardStatusChange, "account_id"),
    ),
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
        erase=erase_by_account(Transaction, "account_id"),
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
        erase=erase_by_account(PointsEntry, "account_id"),
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
        erase=erase_by_account(Statement, "account_id"),
    ),
    InventoryEntry(
        model=Card,
        category="cards",
        description="Your cards: the number (exported masked), expiry and status.",
        fields=(
            PersonalField("pan", "Card number", "To process payments on your card.", _C, True),
            PersonalField(
                "pan_last4", "Last four digits", "To show which card this is.", _C, False
            ),
            PersonalField("expiry_month", "Expiry month", "To check the card is valid.", _C, False),
            PersonalField("expiry_year", "Expiry year", "To check the card is valid.", _C, False),
            PersonalField(
                "status", "Status", "To decline purchases when it is not active.", _C, False
            ),
            PersonalField("issued_on", "Issued", _CARD, _C, encrypted=False),
            PersonalField("activated_on", "Activated", _CARD, _C, encrypted=False),
            PersonalField("blocked_on", "Blocked", _CARD, _C, encrypted=False),
            PersonalField("block_reason", "Lost or stolen", _CARD, _C, encrypted=False),
        ),
        retention_rule="cards",
        legal_holds=HOLDS,
        export=card_export,
        erase=erase_by_account(Card, "account_id"),
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
        erase=erase_by_account(CardAccount, "pk"),
    ),
)


def register() -> None:
    for rule in RULES:
        retention.register(rule)
    for entry in ENTRIES:
        inventory.register(entry)
