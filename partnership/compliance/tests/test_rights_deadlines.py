from __future__ import annotations

import calendar
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from partnership.compliance.rights.deadlines import (
    Pause,
    add_calendar_months,
    due_date,
    extension_allowed,
    is_overdue,
)

D = dt.date
dates = st.dates(min_value=D(2000, 1, 1), max_value=D(2100, 12, 31))


@pytest.mark.parametrize(
    ("received", "due"),
    [
        (D(2025, 1, 31), D(2025, 2, 28)),
        (D(2024, 1, 31), D(2024, 2, 29)),  # leap year
        (D(2024, 1, 29), D(2024, 2, 29)),
        (D(2025, 1, 29), D(2025, 2, 28)),
        (D(2025, 3, 31), D(2025, 4, 30)),
        (D(2025, 12, 31), D(2026, 1, 31)),  # across the year end
        (D(2025, 2, 28), D(2025, 3, 28)),  # corresponding date, not month end
        (D(2025, 9, 3), D(2025, 10, 3)),  # the ICO's own example
        (D(2025, 8, 31), D(2025, 9, 30)),
    ],
)
def test_one_calendar_month_is_the_corresponding_date_or_the_months_last_day(
    received: dt.date, due: dt.date
) -> None:
    assert due_date(received_on=received) == due


def test_an_extension_of_two_months_counts_from_receipt() -> None:
    assert due_date(received_on=D(2025, 11, 30), extension_months=2) == D(2026, 2, 28)
    assert due_date(received_on=D(2023, 11, 30), extension_months=2) == D(2024, 2, 29)
    with pytest.raises(ValueError, match="one or two months"):
        due_date(received_on=D(2025, 1, 1), extension_months=3)


def test_paused_days_move_the_due_date_on() -> None:
    pauses = [Pause(D(2025, 1, 31), D(2025, 2, 3)), Pause(D(2025, 2, 10), D(2025, 2, 12))]

    assert due_date(received_on=D(2025, 1, 31), pauses=pauses) == D(2025, 3, 5)


def test_a_running_pause_counts_up_to_today() -> None:
    pauses = [Pause(D(2025, 2, 20), None)]

    due = due_date(received_on=D(2025, 1, 31), pauses=pauses, today=D(2025, 3, 1))

    assert due == D(2025, 3, 9)


def test_overdue_only_when_open_and_past_the_due_date() -> None:
    assert is_overdue(due_on=D(2025, 2, 28), today=D(2025, 3, 1), closed=False) is True
    assert is_overdue(due_on=D(2025, 2, 28), today=D(2025, 2, 28), closed=False) is False
    assert is_overdue(due_on=D(2025, 2, 28), today=D(2025, 3, 1), closed=True) is False


def test_extension_only_once_and_within_the_original_period() -> None:
    received = D(2025, 1, 31)
    assert extension_allowed(
        received_on=received, pauses=[], extension_months=0, today=D(2025, 2, 28)
    )
    assert not extension_allowed(
        received_on=received, pauses=[], extension_months=0, today=D(2025, 3, 1)
    )
    assert not extension_allowed(
        received_on=received, pauses=[], extension_months=1, today=D(2025, 2, 1)
    )
    paused = [Pause(D(2025, 2, 1), D(2025, 2, 6))]
    assert extension_allowed(
        received_on=received, pauses=paused, extension_months=0, today=D(2025, 3, 5)
    )


@given(received=dates)
def test_due_date_is_in_the_next_month_and_never_later_than_the_same_day(
    received: dt.date,
) -> None:
    due = due_date(received_on=received)

    following = (received.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
    assert (due.year, due.month) == (following.year, following.month)
    last = calendar.monthrange(due.year, due.month)[1]
    assert due.day == min(received.day, last)
    assert 28 <= (due - received).days <= 31


@given(received=dates, months=st.integers(min_value=0, max_value=2))
def test_due_date_never_comes_before_receipt_plus_months(received: dt.date, months: int) -> None:
    due = due_date(received_on=received, extension_months=months)

    assert due == add_calendar_months(received, 1 + months)
    assert due > received


@given(
    received=dates,
    gaps=st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)), max_size=4),
)
def test_each_paused_day_moves_the_due_date_by_one_day(
    received: dt.date, gaps: list[tuple[int, int]]
) -> None:
    pauses = []
    cursor = received
    for wait, length in gaps:
        start = cursor + dt.timedelta(days=wait)
        pauses.append(Pause(start, start + dt.timedelta(days=length)))
        cursor = start + dt.timedelta(days=length)

    due = due_date(received_on=received, pauses=pauses)

    assert due - due_date(received_on=received) == dt.timedelta(days=sum(g[1] for g in gaps))
