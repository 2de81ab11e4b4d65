"""Reads for the customer's card pages, and the month's totals a statement is made of.

Descriptions are encrypted, so the database cannot search them: text search loads
the descriptions of this customer's transactions in the chosen date range (at most
two years, see forms.py), decrypts them and matches in Python, then loads the full
rows of the one page shown. docs/cards.md explains the trade-off.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Case, F, QuerySet, Value, When

from partnership.cards.models import (
    Card,
    CardAccount,
    CardAccountStatus,
    CardStatus,
    CardStatusChange,
    DisputeStatus,
    PointsEntry,
    Statement,
    Transaction,
    TransactionDispute,
    TransactionKind,
)
from partnership.cards.periods import months_after
from partnership.core.workdays import working_days_after
from partnership.crypto.blind_index import normalise_text

PAGE_SIZE = 25


def card_account_current(*, owner_id: uuid.UUID) -> CardAccount | None:
    """The customer's open account, else their most recently opened one, else None."""
    accounts = CardAccount.objects.filter(owner_id=owner_id)
    return (
        accounts.filter(status=CardAccountStatus.OPEN).order_by("-opened_on", "id").first()
        or accounts.order_by("-opened_on", "id").first()
    )


@dataclass(frozen=True)
class TransactionPage:
    rows: list[Transaction]
    number: int  # 1-based page shown
    pages: int  # at least 1, even with no rows
    total: int  # rows matching, over every page
    clamped: bool  # the page asked for was past the last; the last is shown

    @property
    def first_row(self) -> int:
        return 0 if not self.total else (self.number - 1) * PAGE_SIZE + 1

    @property
    def last_row(self) -> int:
        return self.first_row + len(self.rows) - 1 if self.rows else 0

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.pages


def _in_range(
    *, account: CardAccount, date_from: dt.date, date_to: dt.date
) -> QuerySet[Transaction]:
    return Transaction.objects.filter(
        account=account, posted_on__gte=date_from, posted_on__lte=date_to
    ).order_by("-posted_on", "id")


def transaction_search_ids(
    *, account: CardAccount, date_from: dt.date, date_to: dt.date, text: str
) -> list[uuid.UUID]:
    """Ids, newest first, of the transactions whose description contains ``text``
    (case, accents' compatibility forms and runs of spaces ignored)."""
    needle = normalise_text(text)
    rows = _in_range(account=account, date_from=date_from, date_to=date_to).only(
        "id", "posted_on", "description"
    )
    return [row.pk for row in rows if needle in normalise_text(row.description)]


def transaction_page(
    *,
    account: CardAccount,
    date_from: dt.date,
    date_to: dt.date,
    text: str = "",
    page: int = 1,
) -> TransactionPage:
    """One page of the account's transactions in ``[date_from, date_to]``, newest first."""
    if page < 1:
        raise ValueError("page numbers start at 1")
    base = _in_range(account=account, date_from=date_from, date_to=date_to)
    ids: list[uuid.UUID] | None = None
    if text:
        ids = transaction_search_ids(
            account=account, date_from=date_from, date_to=date_to, text=text
        )
        total = len(ids)
    else:
        total = base.count()
    pages = max(1, -(-total // PAGE_SIZE))
    number = min(page, pages)
    start = (number - 1) * PAGE_SIZE
    if ids is None:
        rows = list(base[start : start + PAGE_SIZE])
    else:
        wanted = ids[start : start + PAGE_SIZE]
        by_id = {row.pk: row for row in base.filter(pk__in=wanted)}
        rows = [by_id[pk] for pk in wanted]
    return TransactionPage(
        rows=rows, number=number, pages=pages, total=total, clamped=number != page
    )


def statement_list(*, account: CardAccount) -> QuerySet[Statement]:
    return Statement.objects.filter(account=account).order_by("-period_start")


def statement_transactions(*, statement: Statement) -> QuerySet[Transaction]:
    """The statement month's transactions, oldest first (as a statement reads)."""
    return Transaction.objects.filter(
        account_id=statement.account_id,
        posted_on__gte=statement.period_start,
        posted_on__lte=statement.period_end,
    ).order_by("posted_on", "id")


def points_history(*, account: CardAccount) -> QuerySet[PointsEntry]:
    return PointsEntry.objects.filter(account=account).order_by("-occurred_on", "id")


@dataclass(frozen=True)
class MonthTotals:
    """A statement month's transactions, summed."""

    money_out: Decimal
    money_in: Decimal
    interest_and_fees: Decimal
    points: Decimal


def statement_month_totals(
    *, account: CardAccount, period_start: dt.date, period_end: dt.date
) -> MonthTotals:
    """Money out and in, interest and fees, and points earned, from ``period_start`` to
    ``period_end`` inclusive."""
    rows = Transaction.objects.filter(
        account=account, posted_on__gte=period_start, posted_on__lte=period_end
    ).only("id", "kind", "amount", "points_earned")
    money_out = money_in = charges = Decimal("0.00")
    points = Decimal(0)
    for row in rows:
        if row.amount >= 0:
            money_out += row.amount
        else:
            money_in -= row.amount
        if row.kind in (TransactionKind.INTEREST, TransactionKind.FEE):
            charges += row.amount
        points += row.points_earned
    return MonthTotals(money_out, money_in, charges, points)


# Cards -----------------------------------------------------------------------------

# Transactions of the last 60 days are offered for dispute when a card is reported.
DISPUTE_LIST_DAYS = 60
# Unauthorised transactions can be disputed up to 13 months after the debit date
# (Payment Services Regulations 2017, reg. 74).
DISPUTE_MONTHS = 13
ACTIVITY_ROWS = 20


def card_current(*, account: CardAccount) -> Card | None:
    """The card in use: the newest not blocked, else the newest (all blocked), else None."""
    cards = Card.objects.filter(account=account).order_by("-issued_on", "-created_at")
    return cards.exclude(status=CardStatus.BLOCKED).first() or cards.first()


def card_activity(*, account: CardAccount) -> list[CardStatusChange]:
    """The newest changes to the account's cards, newest first."""
    return list(
        CardStatusChange.objects.filter(account=account)
        .select_related("card")
        .only("id", "from_status", "to_status", "changed_at", "changed_by", "card__pan_last4")
        .order_by("-changed_at", "-id")[:ACTIVITY_ROWS]
    )


def dispute_deadline(posted_on: dt.date) -> dt.date:
    return months_after(posted_on, DISPUTE_MONTHS)


def disputable_transactions(*, account: CardAccount, today: dt.date) -> list[Transaction]:
    """Purchases of the last 60 days not yet disputed, newest first."""
    return list(
        Transaction.objects.filter(
            account=account,
            kind=TransactionKind.PURCHASE,
            posted_on__gte=today - dt.timedelta(days=DISPUTE_LIST_DAYS),
            posted_on__lte=today,
            dispute__isnull=True,
        ).order_by("-posted_on", "id")
    )


@dataclass(frozen=True)
class ReplacementProgress:
    """Where a replacement card is, from its dates: sent the next working day after the
    order, delivered about three working days after that."""

    card: Card
    ordered_on: dt.date
    sent_on: dt.date
    delivered_by: dt.date
    stage: str  # "ordered", "sent" or "delivered"


def replacement_progress(*, account: CardAccount, today: dt.date) -> ReplacementProgress | None:
    """The progress of the current card, when it is a replacement; else None."""
    card = card_current(account=account)
    if card is None or card.replaces_id is None:
        return None
    sent = working_days_after(card.issued_on, 1)
    delivered = working_days_after(sent, 3)
    stage = "delivered" if today >= delivered else "sent" if today >= sent else "ordered"
    return ReplacementProgress(card, card.issued_on, sent, delivered, stage)


def dispute_queue() -> QuerySet[TransactionDispute]:
    """Open disputes first, oldest first; then the closed ones, most recently decided
    first (ids, dates and statuses only are shown in the queue)."""
    still_open = Case(When(status=DisputeStatus.OPEN, then=Value(0)), default=Value(1))
    return TransactionDispute.objects.order_by(
        still_open, F("outcome_on").desc(nulls_last=True), "raised_at", "id"
    )


def account_disputes(*, account: CardAccount) -> list[TransactionDispute]:
    """The account's disputes with their transactions and credits, newest first."""
    return list(
        TransactionDispute.objects.filter(account=account)
        .select_related("transaction", "credit")
        .order_by("-raised_at", "-id")
    )


def dispute_get(*, dispute_id: uuid.UUID) -> TransactionDispute | None:
    return (
        TransactionDispute.objects.select_related(
            "transaction", "card", "account", "credit", "decided_by"
        )
        .defer("card__pan", "account__pan")
        .filter(pk=dispute_id)
        .first()
    )
