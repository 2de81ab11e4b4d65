"""Working days in England and Wales: Monday to Friday, except bank holidays.

The holidays are data (``core/data/bank_holidays_england_wales.txt``, as the UK government
publishes them). Bacs collections and card deliveries both count in these days, so there
is one calendar; a start-up check warns before the list runs out.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path
from typing import Any

from django.core.checks import Warning

from partnership.core import clock

HOLIDAYS_FILE = Path(__file__).resolve().parent / "data" / "bank_holidays_england_wales.txt"
# A Direct Debit is planned about a month ahead; warn a quarter before the list ends.
WARN_BEFORE = dt.timedelta(days=90)


@cache
def bank_holidays() -> frozenset[dt.date]:
    text = HOLIDAYS_FILE.read_text(encoding="utf-8")
    return frozenset(
        dt.date.fromisoformat(line.strip())
        for line in text.splitlines()
        if line.strip() and not line.startswith("#")
    )


def holidays_known_until() -> dt.date:
    """The last day the list speaks for: 31 December of its last year."""
    return dt.date(max(bank_holidays()).year, 12, 31)


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
    """The working day ``count`` working days after ``day``."""
    found = day
    left = count
    while left:
        found += dt.timedelta(days=1)
        if is_working_day(found):
            left -= 1
    return found


def next_working_day(day: dt.date) -> dt.date:
    """``day`` itself when it is a working day, else the first working day after it."""
    found = day
    while not is_working_day(found):
        found += dt.timedelta(days=1)
    return found


def holidays_current(app_configs: Any = None, **kwargs: Any) -> list[Warning]:
    """Start-up check: the list reaches at least ``WARN_BEFORE`` past today."""
    until = holidays_known_until()
    if clock.today_in_london() + WARN_BEFORE <= until:
        return []
    return [
        Warning(
            f"The bank holiday list ends on {until.isoformat()}: add the next year's dates "
            f"to {HOLIDAYS_FILE.name}, or working days after that count weekends only.",
            id="core.W001",
        )
    ]
