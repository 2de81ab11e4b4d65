"""Bacs working days: Monday to Friday, except bank holidays in England and Wales
(kept as data in ``payments/data/bank_holidays_england_wales.txt``)."""

from __future__ import annotations

import datetime as dt
from functools import cache

from partnership.payments.modulus_table import DATA_DIR

ADVANCE_NOTICE_WORKING_DAYS = 10
CONFIRMATION_WORKING_DAYS = 3


@cache
def bank_holidays() -> frozenset[dt.date]:
    text = (DATA_DIR / "bank_holidays_england_wales.txt").read_text(encoding="utf-8")
    return frozenset(
        dt.date.fromisoformat(line.strip())
        for line in text.splitlines()
        if line.strip() and not line.startswith("#")
    )


def is_working_day(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in bank_holidays()


def working_days_before(day: dt.date, count: int) -> dt.date:
    """The working day ``count`` working days before ``day``."""
    found = day
    left = count
    while left:
        found -= dt.timedelta(days=1)
        if is_working_day(found):
            left -= 1
    return found


def working_days_after(day: dt.date, count: int) -> dt.date:
    found = day
    left = count
    while left:
        found += dt.timedelta(days=1)
        if is_working_day(found):
            left -= 1
    return found


def collection_day(due_on: dt.date) -> dt.date:
    """A collection falls on the due date, or the next working day after it."""
    found = due_on
    while not is_working_day(found):
        found += dt.timedelta(days=1)
    return found
