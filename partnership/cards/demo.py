"""Demo card accounts: a year of plausible en_GB spending for each demo customer.

Deterministic (a seeded ``random.Random`` per customer, in the order customers were
created) and idempotent (a customer who already has a card account is skipped).
Rows are written with ``bulk_create``, which still encrypts (it calls ``pre_save``).
The same generator makes the ten-year history of the subject-export benchmark.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model

from partnership.audit.services import Actor
from partnership.cards import services
from partnership.cards.models import (
    BlockReason,
    Card,
    CardAccount,
    CardStatusChange,
    SpendingCategory,
    Statement,
    TransactionDispute,
    TransactionKind,
)
from partnership.cards.periods import month_end, months_between, next_month
from partnership.cards.selectors import disputable_transactions
from partnership.cards.services.controls import card_activate, card_freeze, card_unfreeze
from partnership.cards.services.lost import card_report_lost
from partnership.cards.services.posting import TransactionInput, transactions_post
from partnership.core import clock

C = SpendingCategory
# (description, category, typical amount in pounds, relative frequency)
MERCHANTS: tuple[tuple[str, SpendingCategory, float, int], ...] = (
    ("Corner Grocer", C.GROCERIES, 14.0, 14),
    ("Village Bakery", C.GROCERIES, 6.5, 8),
    ("Harbour Fishmonger", C.GROCERIES, 18.0, 2),
    ("Partnership Food Hall", C.PARTNERSHIP, 42.0, 10),
    ("Partnership Department Store", C.PARTNERSHIP, 65.0, 4),
    ("Partnership Home and Garden", C.PARTNERSHIP, 38.0, 2),
    ("Rail Ticket Office", C.TRAVEL, 27.5, 5),
    ("City Bus Travelcard", C.TRAVEL, 8.0, 4),
    ("Coastal Coach Lines", C.TRAVEL, 19.0, 1),
    ("Roadside Fuel Station", C.FUEL, 55.0, 4),
    ("The Red Lion Inn", C.DINING, 31.0, 4),
    ("High Street Coffee House", C.DINING, 4.2, 9),
    ("Riverside Fish and Chips", C.DINING, 12.5, 3),
    ("Northgate Curry House", C.DINING, 28.0, 2),
    ("Market Square Cinema", C.ENTERTAINMENT, 17.0, 2),
    ("Playhouse Box Office", C.ENTERTAINMENT, 36.0, 1),
    ("Borough Hardware", C.HOME, 22.0, 2),
    ("Garden Centre on the Green", C.HOME, 29.0, 1),
    ("Bookshop on Bridge Street", C.OTHER, 11.0, 2),
    ("Chemist on the Corner", C.OTHER, 9.5, 3),
    ("Online Marketplace UK", C.OTHER, 24.0, 4),
)
# (description, category, pounds, day of month)
MONTHLY_BILLS: tuple[tuple[str, SpendingCategory, Decimal, int], ...] = (
    ("Streaming Service Subscription", C.BILLS, Decimal("10.99"), 3),
    ("Mobile Phone Airtime", C.BILLS, Decimal("18.00"), 12),
    ("Gym Membership", C.BILLS, Decimal("32.50"), 20),
)
_WEIGHTS = [weight for *_, weight in MERCHANTS]
DEMO_CREDIT_LIMITS = (Decimal("4500.00"), Decimal("7000.00"), Decimal("3000.00"))
DEMO_APR = Decimal("24.90")
VOUCHER_POINTS = 500
PART_PAYMENT_SHARE = Decimal("0.8")


def _amount(rng: random.Random, typical: float) -> Decimal:
    pounds = max(0.85, rng.lognormvariate(0, 0.45) * typical)
    return Decimal(f"{pounds:.2f}")


def month_transactions(
    *,
    rng: random.Random,
    month: dt.date,
    until: dt.date,
    per_day: float,
    payment: Decimal,
    interest: Decimal,
) -> list[TransactionInput]:
    """A month's purchases, bills, an occasional refund, the payment and any interest."""
    last = min(month_end(month), until)
    entries: list[TransactionInput] = []
    day = month
    while day <= last:
        entries += _day_purchases(rng=rng, day=day, last=last, per_day=per_day)
        day += dt.timedelta(days=1)
    entries += _monthly_bills(month=month, last=last)
    entries += _payment_and_interest(
        month=month, until=until, last=last, payment=payment, interest=interest
    )
    return entries


def _day_purchases(
    *, rng: random.Random, day: dt.date, last: dt.date, per_day: float
) -> list[TransactionInput]:
    """One day's purchases, each refunded a few days later once in a hundred."""
    entries: list[TransactionInput] = []
    count = rng.choices((0, 1, 2, 3, 4, 5), weights=_poisson_weights(per_day))[0]
    for _ in range(count):
        name, category, typical, _weight = rng.choices(MERCHANTS, weights=_WEIGHTS)[0]
        amount = _amount(rng, typical)
        entries.append(TransactionInput(day, TransactionKind.PURCHASE, name, category, amount))
        if rng.random() < 0.01:
            refund_day = min(last, day + dt.timedelta(days=rng.randint(2, 9)))
            entries.append(
                TransactionInput(
                    refund_day, TransactionKind.REFUND, f"Refund: {name}", category, -amount
                )
            )
    return entries


def _monthly_bills(*, month: dt.date, last: dt.date) -> list[TransactionInput]:
    return [
        TransactionInput(
            month.replace(day=bill_day), TransactionKind.PURCHASE, name, category, pounds
        )
        for name, category, pounds, bill_day in MONTHLY_BILLS
        if month.replace(day=bill_day) <= last
    ]


def _payment_and_interest(
    *, month: dt.date, until: dt.date, last: dt.date, payment: Decimal, interest: Decimal
) -> list[TransactionInput]:
    """The direct debit on the 20th (or the last day shown) and the month-end interest."""
    entries: list[TransactionInput] = []
    pay_day = month.replace(day=min(20, last.day))
    if payment > 0 and pay_day <= last:
        entries.append(
            TransactionInput(
                pay_day,
                TransactionKind.PAYMENT,
                "Direct Debit payment - thank you",
                C.ACCOUNT,
                -payment,
            )
        )
    if interest > 0 and month_end(month) <= until:
        entries.append(
            TransactionInput(
                month_end(month),
                TransactionKind.INTEREST,
                "Interest on purchases",
                C.ACCOUNT,
                interest,
            )
        )
    return entries


def _poisson_weights(mean: float) -> list[float]:
    weights, term = [], 1.0
    for k in range(6):
        weights.append(term)
        term *= mean / (k + 1)
    return weights


def card_history_build(
    *,
    owner_id: uuid.UUID,
    rng: random.Random,
    opened_on: dt.date,
    today: dt.date,
    per_day: float,
    pays_in_full: bool,
    credit_limit: Decimal,
) -> CardAccount:
    """Open an account on ``opened_on`` and live it until ``today``: monthly spending,
    a statement each month, a Direct Debit after each statement, points redeemed for
    vouchers now and then."""
    account = services.card_account_open(
        owner_id=owner_id, opened_on=opened_on, credit_limit=credit_limit, apr=DEMO_APR, rng=rng
    )
    previous: Statement | None = None
    for month in months_between(opened_on, today):
        payment = interest = Decimal("0.00")
        if previous is not None and previous.closing_balance > 0:
            owed = previous.closing_balance
            # Someone not paying in full pays about four fifths, in whole tens of pounds.
            part = (owed * PART_PAYMENT_SHARE / 10).quantize(Decimal(1)) * 10
            payment = owed if pays_in_full else min(owed, max(previous.minimum_payment, part))
            carried = owed - payment
            monthly_rate = DEMO_APR / Decimal(1200)
            interest = (carried * monthly_rate).quantize(services.PENNY)
        entries = month_transactions(
            rng=rng, month=month, until=today, per_day=per_day, payment=payment, interest=interest
        )
        transactions_post(account=account, entries=entries)
        if next_month(month) <= today:
            previous = services.statement_generate(account=account, period_start=month)
            if month.month % 4 == 0 and account.points_balance >= VOUCHER_POINTS:
                services.points_redeem(
                    account=account,
                    points=VOUCHER_POINTS,
                    occurred_on=month_end(month),
                    description="Redeemed for a £5 Partnership voucher",
                )
    return account


def seed_card_accounts() -> list[str]:
    """Give every active customer (not staff) without a card account a year of history."""
    today = clock.today_in_london()
    customers = (
        get_user_model()
        .objects.filter(is_active=True, is_staff=False)
        .order_by("date_joined" if _has_field("date_joined") else "created_at", "pk")
    )
    seeded = 0
    for position, user in enumerate(customers):
        if CardAccount.objects.filter(owner_id=user.pk).exists():
            continue
        rng = random.Random(f"partnership-demo-card-{position}")  # noqa: S311 - demo data
        account = card_history_build(
            owner_id=user.pk,
            rng=rng,
            opened_on=(today - dt.timedelta(days=365)).replace(day=1),
            today=today,
            per_day=1.6,
            pays_in_full=position % 2 == 0,
            credit_limit=DEMO_CREDIT_LIMITS[position % len(DEMO_CREDIT_LIMITS)],
        )
        card_story_build(account=account, user=user, rng=rng, today=today)
        seeded += 1
    if not seeded:
        return []
    return [f"Gave {seeded} demo customer(s) a card account with a year of transactions."]


# Days before today of each step of a demo customer's card story, in order: the first
# card issued, activated, frozen, unfrozen, reported lost (the replacement issued), and the
# replacement activated.
_STORY_DAYS_AGO = (365, 360, 60, 59, 30, 30, 24)


def _activate(card: Card, actor: Actor) -> None:
    card_activate(
        card=card,
        last4=card.pan_last4,
        expiry_month=card.expiry_month,
        expiry_year=card.expiry_year,
        actor=actor,
    )


def card_story_build(
    *, account: CardAccount, user: Any, rng: random.Random, today: dt.date
) -> Card:
    """A card history for every page to show: the first card activated, frozen and
    unfrozen, then lost and replaced; the replacement activated and in use."""
    actor = Actor.customer(user.pk)
    first = account.cards.get()
    _activate(first, actor)
    card_freeze(card=first, actor=actor)
    card_unfreeze(card=first, actor=actor)
    # The customer says the last purchase before the loss was not theirs: one open
    # dispute for the agents' queue (/staff/disputes/) to work through.
    lost_on = today - dt.timedelta(days=_STORY_DAYS_AGO[4])
    listed = disputable_transactions(account=account, today=today)
    disputed = [row.pk for row in listed if row.posted_on <= lost_on][:1]
    replacement = card_report_lost(
        card=first, user=user, reason=BlockReason.LOST, disputed=disputed, rng=rng
    )
    _activate(replacement, actor)
    changes = CardStatusChange.objects.filter(account=account).order_by("id")
    for change, days in zip(list(changes), _STORY_DAYS_AGO, strict=True):
        when = clock.now() - dt.timedelta(days=days)
        CardStatusChange.objects.filter(pk=change.pk).update(changed_at=when)
    ago = {days: today - dt.timedelta(days=days) for days in _STORY_DAYS_AGO}
    Card.objects.filter(pk=first.pk).update(activated_on=ago[360], blocked_on=ago[30])
    Card.objects.filter(pk=replacement.pk).update(issued_on=ago[30], activated_on=ago[24])
    lost_at = clock.now() - dt.timedelta(days=_STORY_DAYS_AGO[4])
    TransactionDispute.objects.filter(account=account).update(raised_at=lost_at)
    return replacement


def _has_field(name: str) -> bool:
    return any(field.name == name for field in get_user_model()._meta.get_fields())
