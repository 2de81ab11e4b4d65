"""The law's clocks for rights requests: pure functions on Europe/London dates.

UK GDPR Art. 12(3) and the ICO's guidance on time limits:

- **One calendar month** from the day of receipt: the corresponding calendar date in
  the next month; when that month has no such date, its last day (received 31 January
  → due 28 February, or 29 in a leap year). Weekends and bank holidays are not
  skipped: the ICO would allow the next working day, we answer by the earlier date.
- **Stop the clock** while we wait for proof of identity or for clarification: each
  paused day (from the day we asked to the day the answer arrived) moves the due
  date on by a day.
- **Extension** by up to two further months when the request is complex or one of
  many, decided (with the reason recorded) within the original period, once.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

MAX_EXTENSION_MONTHS = 2


def add_calendar_months(start: dt.date, months: int) -> dt.date:
    """The corresponding date ``months`` later, or that month's last day if it has none."""
    index = start.year * 12 + (start.month - 1) + months
    year, month = divmod(index, 12)
    last_day = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(start.day, last_day))


@dataclass(frozen=True)
class Pause:
    started_on: dt.date
    ended_on: dt.date | None  # None while still waiting

    def days(self, *, today: dt.date) -> int:
        return max(((self.ended_on or today) - self.started_on).days, 0)


def paused_days(pauses: Iterable[Pause], *, today: dt.date) -> int:
    """Days the clock stood still; an open pause counts up to ``today``."""
    return sum(pause.days(today=today) for pause in pauses)


def due_date(
    *,
    received_on: dt.date,
    pauses: Iterable[Pause] = (),
    extension_months: int = 0,
    today: dt.date | None = None,
) -> dt.date:
    """When the answer is due: one month (plus any extension), plus the paused days."""
    if not 0 <= extension_months <= MAX_EXTENSION_MONTHS:
        raise ValueError("an extension is one or two months")
    base = add_calendar_months(received_on, 1 + extension_months)
    return base + dt.timedelta(days=paused_days(pauses, today=today or received_on))


def is_overdue(*, due_on: dt.date, today: dt.date, closed: bool) -> bool:
    """Open past its due date. Paused requests are never overdue: ask with ``due_date``."""
    return not closed and today > due_on


def extension_allowed(
    *,
    received_on: dt.date,
    pauses: Iterable[Pause],
    extension_months: int,
    today: dt.date,
) -> bool:
    """Only once, and only while the original (pause-adjusted) period is still running."""
    if extension_months:
        return False
    return today <= due_date(received_on=received_on, pauses=pauses, today=today)
