"""Calendar arithmetic for statements and date ranges (no time zones: these are days)."""

from __future__ import annotations

import calendar
import datetime as dt


def month_end(day: dt.date) -> dt.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def next_month(day: dt.date) -> dt.date:
    return month_end(day) + dt.timedelta(days=1)


def months_between(first: dt.date, last: dt.date) -> list[dt.date]:
    """The first day of every month from ``first``'s to ``last``'s, both included."""
    months: list[dt.date] = []
    month = first.replace(day=1)
    while month <= last:
        months.append(month)
        month = next_month(month)
    return months


def within_years(*, first: dt.date, last: dt.date, years: int) -> bool:
    """Whether ``last`` is at most ``years`` calendar years after ``first``.

    Compared as (year, month, day) so that no date arithmetic can overflow.
    """
    return (first.year + years, first.month, first.day) >= (last.year, last.month, last.day)


def days_before(day: dt.date, days: int) -> dt.date:
    """``day`` minus ``days``, stopping at the first date there is."""
    try:
        return day - dt.timedelta(days=days)
    except OverflowError:
        return dt.date.min


def months_after(day: dt.date, months: int) -> dt.date:
    """``day`` moved on ``months`` months, kept within the month (31 Jan + 1: end of Feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))
