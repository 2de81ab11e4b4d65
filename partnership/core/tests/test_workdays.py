from __future__ import annotations

import datetime as dt

import pytest

from partnership.core import clock
from partnership.core.workdays import (
    holidays_current,
    holidays_known_until,
    is_working_day,
    next_working_day,
    working_days_after,
    working_days_before,
)


def test_working_days_skip_weekends_and_bank_holidays() -> None:
    assert not is_working_day(dt.date(2026, 12, 25))  # Christmas Day
    assert not is_working_day(dt.date(2026, 12, 28))  # Boxing Day, substitute
    assert not is_working_day(dt.date(2026, 12, 26))  # a Saturday
    assert not is_working_day(dt.date(2027, 5, 3))  # early May bank holiday
    assert is_working_day(dt.date(2026, 12, 24))
    # 15 January 2027 is a Friday; 10 working days before skips 1 January.
    assert working_days_before(dt.date(2027, 1, 15), 10) == dt.date(2026, 12, 31)
    assert working_days_after(dt.date(2026, 12, 24), 3) == dt.date(2026, 12, 31)
    assert next_working_day(dt.date(2026, 12, 25)) == dt.date(2026, 12, 29)
    assert next_working_day(dt.date(2026, 12, 24)) == dt.date(2026, 12, 24)


def test_the_list_speaks_to_the_end_of_its_last_year() -> None:
    assert holidays_known_until() == dt.date(2028, 12, 31)


@pytest.mark.parametrize(
    ("today", "warned"),
    [(dt.date(2028, 10, 2), False), (dt.date(2028, 10, 3), True), (dt.date(2029, 2, 1), True)],
)
def test_a_warning_a_quarter_before_the_list_runs_out(
    monkeypatch: pytest.MonkeyPatch, today: dt.date, warned: bool
) -> None:
    monkeypatch.setattr(clock, "today_in_london", lambda: today)
    found = holidays_current()
    assert [w.id for w in found] == (["core.W001"] if warned else [])
    if warned:
        assert found[0].msg == (
            "The bank holiday list ends on 2028-12-31: add the next year's dates to "
            "bank_holidays_england_wales.txt, or working days after that count weekends only."
        )
