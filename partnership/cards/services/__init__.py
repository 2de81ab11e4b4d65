"""Writes for card accounts: opening, statements, points.

Posting transactions and payments is in ``posting.py``; the cards themselves in
``issue.py``, ``controls.py`` and ``lost.py``.

Each service is keyword-only, atomic, and calls ``full_clean()`` before saving.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction

from partnership.audit.events import AuditEventType
from partnership.audit.services import Actor, audit_record
from partnership.cards.models import (
    CardAccount,
    PointsEntry,
    PointsEntryKind,
    Statement,
)
from partnership.cards.periods import month_end, months_between
from partnership.cards.selectors import statement_month_totals
from partnership.cards.services.errors import CardServiceError
from partnership.cards.services.issue import card_issue
from partnership.cards.services.numbers import pan_in_use, pan_index, pan_new
from partnership.cards.services.posting import ZERO
from partnership.cards.statement_mail import statement_ready_mail
from partnership.offers.bin_ranges import BinRange

PENNY = Decimal("0.01")
# The minimum payment: the whole balance up to £25; above it, the greater of £25 and
# 1% of the balance plus the month's interest and fees (a common UK rule).
MINIMUM_PAYMENT_FLOOR = Decimal("25.00")
MINIMUM_PAYMENT_SHARE = Decimal("0.01")
# Days from the end of the statement period to the payment due date.
DAYS_TO_PAY = 25

__all__ = ["CardServiceError", "pan_in_use", "pan_index"]


def card_account_open(
    *,
    owner_id: uuid.UUID,
    opened_on: dt.date,
    credit_limit: Decimal,
    apr: Decimal,
    ranges: Sequence[BinRange] | None = None,
    rng: random.Random | None = None,
    actor: Actor | None = None,
) -> CardAccount:
    """Open an account with a new, unused, Luhn-valid card number in our BIN ranges."""
    with transaction.atomic():
        pan = pan_new(ranges=ranges, rng=rng)
        account = CardAccount(
            owner_id=owner_id,
            opened_on=opened_on,
            pan=pan,
            pan_index=pan_index(pan),
            pan_last4=pan[-4:],
            credit_limit=credit_limit,
            balance=ZERO,
            apr=apr,
            minimum_payment=ZERO,
            points_balance=Decimal(0),
        )
        account.full_clean()
        account.save()
        # The first card carries the account's number; it starts inactive.
        card_issue(account=account, pan=pan, issued_on=opened_on, actor=actor)
        audit_record(
            event=AuditEventType.CARDS_ACCOUNT_OPEN,
            actor=actor or Actor.system(),
            subject_type="card-account",
            subject_id=str(account.pk),
            data={"product": account.product},
        )
    return account


def minimum_payment_for(*, closing_balance: Decimal, interest_and_fees: Decimal) -> Decimal:
    if closing_balance <= ZERO:
        return ZERO
    if closing_balance <= MINIMUM_PAYMENT_FLOOR:
        return closing_balance
    share = (closing_balance * MINIMUM_PAYMENT_SHARE + interest_and_fees).quantize(
        PENNY, rounding=ROUND_HALF_UP
    )
    return min(closing_balance, max(MINIMUM_PAYMENT_FLOOR, share))


def _closing_balance_before(*, account: CardAccount, period_start: dt.date) -> Decimal:
    """The closing balance of the statement before this month's, or zero for the first."""
    previous = (
        Statement.objects.filter(account=account, period_start__lt=period_start)
        .order_by("-period_start")
        .only("id", "closing_balance")
        .first()
    )
    return previous.closing_balance if previous else ZERO


def _points_credit(*, statement: Statement, account: CardAccount, points: Decimal) -> None:
    """The points entry of the month's points, tied to its statement (none for zero)."""
    if not points:
        return
    entry = PointsEntry(
        account=account,
        occurred_on=statement.period_end,
        kind=PointsEntryKind.EARNED,
        description=f"Points on your spending, {statement.period_start:%B %Y}",
        points=points,
        statement=statement,
    )
    entry.full_clean()
    entry.save()


def statement_generate(*, account: CardAccount, period_start: dt.date) -> Statement:
    """The statement of the calendar month starting ``period_start`` (made once).

    Totals come from the month's transactions; the opening balance is the previous
    statement's closing one. The month's points are credited to the account with it.
    """
    period_start = period_start.replace(day=1)
    period_end = month_end(period_start)
    with transaction.atomic():
        locked = CardAccount.objects.select_for_update().get(pk=account.pk)
        existing = Statement.objects.filter(account=locked, period_start=period_start).first()
        if existing is not None:
            return existing
        opening = _closing_balance_before(account=locked, period_start=period_start)
        totals = statement_month_totals(
            account=locked, period_start=period_start, period_end=period_end
        )
        closing = opening + totals.money_out - totals.money_in
        statement = Statement(
            account=locked,
            period_start=period_start,
            period_end=period_end,
            due_on=period_end + dt.timedelta(days=DAYS_TO_PAY),
            opening_balance=opening,
            closing_balance=closing,
            money_out=totals.money_out,
            money_in=totals.money_in,
            minimum_payment=minimum_payment_for(
                closing_balance=closing, interest_and_fees=totals.interest_and_fees
            ),
            points_earned=totals.points,
        )
        statement.full_clean()
        statement.save()
        _points_credit(statement=statement, account=locked, points=totals.points)
        locked.points_balance = locked.points_balance + totals.points
        locked.minimum_payment = statement.minimum_payment
        locked.payment_due_on = statement.due_on
        locked.save(update_fields=["points_balance", "minimum_payment", "payment_due_on"])
        statement_ready_mail(statement=statement, owner_id=locked.owner_id)
    account.points_balance = locked.points_balance
    account.minimum_payment = locked.minimum_payment
    account.payment_due_on = locked.payment_due_on
    return statement


def statements_generate_due(*, account: CardAccount, today: dt.date) -> list[Statement]:
    """Statements for every complete month since the account opened that has none yet."""
    have = set(Statement.objects.filter(account=account).values_list("period_start", flat=True))
    last_complete = today.replace(day=1) - dt.timedelta(days=1)
    return [
        statement_generate(account=account, period_start=month)
        for month in months_between(account.opened_on, last_complete)
        if month not in have
    ]


def points_redeem(
    *, account: CardAccount, points: int, occurred_on: dt.date, description: str
) -> PointsEntry:
    """Spend points (a voucher, say); refuses more than the account holds."""
    if points <= 0:
        raise CardServiceError("the number of points to redeem must be positive")
    with transaction.atomic():
        locked = CardAccount.objects.select_for_update().get(pk=account.pk)
        if locked.points_balance < points:
            raise CardServiceError("there are not enough points on the account")
        entry = PointsEntry(
            account=locked,
            occurred_on=occurred_on,
            kind=PointsEntryKind.REDEEMED,
            description=description,
            points=Decimal(-points),
        )
        entry.full_clean()
        entry.save()
        locked.points_balance = locked.points_balance - points
        locked.save(update_fields=["points_balance"])
    account.points_balance = locked.points_balance
    return entry


def statement_download_record(*, statement: Statement, user_id: uuid.UUID, document: str) -> None:
    """Record that the customer downloaded a statement document: ids and format only."""
    with transaction.atomic():
        audit_record(
            event=AuditEventType.CARDS_STATEMENT_DOWNLOAD,
            actor=Actor.customer(str(user_id)),
            subject_type="statement",
            subject_id=str(statement.pk),
            data={"document": document, "card_account": str(statement.account_id)},
        )
