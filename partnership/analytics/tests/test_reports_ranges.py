"""Ranges of UK days (across clock changes and month ends), the range form, suppression."""

from __future__ import annotations

import datetime as dt

import pytest

from partnership.analytics.forms import ReportRangeForm
from partnership.analytics.reports import (
    ReportRange,
    add_months,
    range_last_days,
    range_last_months,
    range_problem,
    suppress_cells,
)
from partnership.core import clock

UTC = dt.UTC


@pytest.mark.parametrize(
    ("utc_now", "days", "expected"),
    [
        # 23:30 UTC on 30 June is 00:30 BST on 1 July: today is already July.
        (
            dt.datetime(2026, 6, 30, 23, 30, tzinfo=UTC),
            1,
            ReportRange(dt.date(2026, 7, 1), dt.date(2026, 7, 1)),
        ),
        # After the clocks go back (25 October 2026), 23:30 UTC is still the same UK day.
        (
            dt.datetime(2026, 10, 25, 23, 30, tzinfo=UTC),
            7,
            ReportRange(dt.date(2026, 10, 19), dt.date(2026, 10, 25)),
        ),
        # The week the clocks went forward: 7 whole days, 29 March (23 hours) among them.
        (
            dt.datetime(2026, 4, 1, 12, 0, tzinfo=UTC),
            7,
            ReportRange(dt.date(2026, 3, 26), dt.date(2026, 4, 1)),
        ),
        # 30 days back across the end of February (28 days in 2026).
        (
            dt.datetime(2026, 3, 15, 0, 30, tzinfo=UTC),
            30,
            ReportRange(dt.date(2026, 2, 14), dt.date(2026, 3, 15)),
        ),
    ],
)
def test_last_n_days_end_today_in_london(
    monkeypatch: pytest.MonkeyPatch, utc_now: dt.datetime, days: int, expected: ReportRange
) -> None:
    monkeypatch.setattr(clock, "now", lambda: utc_now)

    report_range = range_last_days(days=days, today=clock.today_in_london())

    assert report_range == expected
    assert report_range.days == days


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (dt.date(2026, 3, 31), -1, dt.date(2026, 2, 28)),
        (dt.date(2024, 2, 29), -12, dt.date(2023, 2, 28)),
        (dt.date(2026, 1, 31), 1, dt.date(2026, 2, 28)),
        (dt.date(2026, 12, 15), 1, dt.date(2027, 1, 15)),
        (dt.date(2026, 1, 15), -25, dt.date(2023, 12, 15)),
    ],
)
def test_months_are_added_clamped_to_the_months_end(
    day: dt.date, months: int, expected: dt.date
) -> None:
    assert add_months(day, months) == expected


def test_twelve_months_start_the_day_after_the_same_date_last_year() -> None:
    assert range_last_months(months=12, today=dt.date(2026, 2, 28)) == ReportRange(
        dt.date(2025, 3, 1), dt.date(2026, 2, 28)
    )
    assert range_last_months(months=12, today=dt.date(2024, 2, 29)) == ReportRange(
        dt.date(2023, 3, 1), dt.date(2024, 2, 29)
    )


@pytest.mark.parametrize(
    "today", [dt.date(2026, 2, 28), dt.date(2026, 3, 31), dt.date(2024, 2, 29)]
)
def test_twenty_five_months_is_the_longest_range_allowed(today: dt.date) -> None:
    longest = range_last_months(months=25, today=today)

    assert range_problem(start=longest.start, end=longest.end) is None
    assert range_problem(start=longest.start - dt.timedelta(days=1), end=longest.end) == (
        "A report covers at most 25 months."
    )


def test_the_first_day_must_not_be_after_the_last() -> None:
    assert range_problem(start=dt.date(2026, 3, 2), end=dt.date(2026, 3, 1)) == (
        "The first day must not be after the last day."
    )


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({}, ReportRange(dt.date(2026, 10, 2), dt.date(2026, 10, 31))),
        ({"period": "7d"}, ReportRange(dt.date(2026, 10, 25), dt.date(2026, 10, 31))),
        ({"period": "90d"}, ReportRange(dt.date(2026, 8, 3), dt.date(2026, 10, 31))),
        ({"period": "12m"}, ReportRange(dt.date(2025, 11, 1), dt.date(2026, 10, 31))),
        (
            {"period": "custom", "start": "2026-02-01", "end": "2026-02-28"},
            ReportRange(dt.date(2026, 2, 1), dt.date(2026, 2, 28)),
        ),
        (
            {"start": "2026-02-01", "end": "2026-02-01"},
            ReportRange(dt.date(2026, 2, 1), dt.date(2026, 2, 1)),
        ),
    ],
)
def test_the_range_form_reads_presets_and_dates(
    data: dict[str, str], expected: ReportRange
) -> None:
    form = ReportRangeForm(data, today=dt.date(2026, 10, 31))

    assert form.is_valid(), form.errors
    assert form.report_range() == expected


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"period": "custom", "start": "2026-02-30", "end": "2026-03-01"}, "start"),
        ({"period": "custom", "start": "2026-03-02", "end": "2026-03-01"}, "__all__"),
        ({"period": "custom", "start": "2024-01-01", "end": "2026-03-01"}, "__all__"),
        ({"period": "custom", "start": "2026-03-01"}, "__all__"),
        ({"period": "1y"}, "period"),
    ],
)
def test_the_range_form_refuses_impossible_ranges(data: dict[str, str], error: str) -> None:
    form = ReportRangeForm(data, today=dt.date(2026, 10, 31))

    assert not form.is_valid()
    assert list(form.errors) == [error]


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([50, 40, 30], [50, 40, 30]),
        ([], []),
        # One small cell: the next smallest goes with it.
        ([50, 40, 3], [50, None, None]),
        # Two small cells adding up to less than 10: one more.
        ([50, 40, 3, 4], [50, None, None, None]),
        # Two small cells adding up to 10 or more: enough.
        ([50, 40, 6, 7], [50, 40, None, None]),
        # Ties: the first in order goes.
        ([20, 20, 1], [None, 20, None]),
        ([9], [None]),
        ([0, 100], [None, None]),
    ],
)
def test_secondary_suppression_hides_enough_cells(
    values: list[int], expected: list[int | None]
) -> None:
    assert suppress_cells(values, 10) == expected
