"""Card accounts, their cards, transactions, statements, points and disputes.

What is encrypted and why (docs/cards.md): the card number, every amount of money,
every points figure, descriptions and spending categories — together they are a
person's financial life. Plain: what queries and retention need (dates, status,
kind of entry) and the last four digits of the card number, the only part of it shown.
The card number is under a key ring of its own (``CARD_DATA_KEYS``).

The models live in one module per sub-domain; this package names them all, as Django
and the many callers across the apps expect of ``cards.models``.
"""

from partnership.cards.models.account import (
    PAN_INDEX_PURPOSE,
    CardAccount,
    CardAccountStatus,
    CardProduct,
    PointsEntry,
    PointsEntryKind,
    SpendingCategory,
    Statement,
    Transaction,
    TransactionKind,
)
from partnership.cards.models.card import BlockReason, Card, CardStatus, CardStatusChange, ChangedBy
from partnership.cards.models.dispute import DisputeStatus, TransactionDispute

__all__ = [
    "PAN_INDEX_PURPOSE",
    "BlockReason",
    "Card",
    "CardAccount",
    "CardAccountStatus",
    "CardProduct",
    "CardStatus",
    "CardStatusChange",
    "ChangedBy",
    "DisputeStatus",
    "PointsEntry",
    "PointsEntryKind",
    "SpendingCategory",
    "Statement",
    "Transaction",
    "TransactionDispute",
    "TransactionKind",
]
