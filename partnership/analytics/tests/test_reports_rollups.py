"""Monthly roll-ups change how fast a report is read, never what it says."""

from __future__ import annotations

import datetime as dt

import pytest

from partnership.analytics.models import (
    DailyAreaCount,
    DailyCountryCount,
    DailyReferrerCount,
    MonthlyCount,
)
from partnership.analytics.reports import ReportRange, report_as_json
from partnership.analytics.rollups import monthly_rollup_run
from partnership.analytics.selectors import analytics_report_get

pytestmark = pytest.mark.django_db

RANGE = ReportRange(dt.date(2026, 1, 15), dt.date(2026, 3, 5))


def day_add(day: dt.date, views: int) -> None:
    DailyAreaCount.objects.create(day=day, area="*", views=views, visitors=views // 3)
    DailyAreaCount.objects.create(day=day, area="/offers/", views=views, visitors=views // 3)
    DailyCountryCount.objects.create(day=day, country="GB" if day.day % 2 else "FR", views=views)
    DailyReferrerCount.objects.create(day=day, name="example.org", views=views // 2)


@pytest.fixture
def daily() -> None:
    day = dt.date(2025, 12, 20)
    while day <= dt.date(2026, 3, 9):
        day_add(day, 10 + day.toordinal() % 17)
        day += dt.timedelta(days=1)


def test_finished_months_are_rolled_up_and_the_report_is_unchanged(daily: None) -> None:
    from_daily = report_as_json(analytics_report_get(report_range=RANGE))

    # 10 March: February ended more than two days ago; March has not ended.
    rolled = monthly_rollup_run(today=dt.date(2026, 3, 10))

    assert rolled == [dt.date(2025, 12, 1), dt.date(2026, 1, 1), dt.date(2026, 2, 1)]
    assert MonthlyCount.objects.get(month=dt.date(2026, 2, 1), dimension="*").views == sum(
        DailyAreaCount.objects.filter(day__month=2, area="*").values_list("views", flat=True)
    )
    assert report_as_json(analytics_report_get(report_range=RANGE)) == from_daily
    assert monthly_rollup_run(today=dt.date(2026, 3, 10)) == []


def test_a_month_is_not_rolled_up_until_it_has_settled(daily: None) -> None:
    # 1 March: February ended yesterday, and a flush of its last day may still come.
    assert monthly_rollup_run(today=dt.date(2026, 3, 1)) == [
        dt.date(2025, 12, 1),
        dt.date(2026, 1, 1),
    ]


def test_a_late_flush_makes_reports_read_the_daily_rows_until_the_month_is_redone(
    daily: None,
) -> None:
    monthly_rollup_run(today=dt.date(2026, 3, 10))
    late = dt.date(2026, 2, 14)
    DailyAreaCount.objects.filter(day=late).update(views=1000)
    DailyCountryCount.objects.filter(day=late).update(views=1000)
    DailyAreaCount.objects.filter(day=late, area="*").update(views=1000)

    with_stale_february = report_as_json(analytics_report_get(report_range=RANGE))
    redone = monthly_rollup_run(today=dt.date(2026, 3, 10))
    with_february_redone = report_as_json(analytics_report_get(report_range=RANGE))
    MonthlyCount.objects.all().delete()

    assert redone == [dt.date(2026, 2, 1)]
    from_daily = report_as_json(analytics_report_get(report_range=RANGE))
    assert with_stale_february == with_february_redone == from_daily


def test_nothing_to_roll_up_without_counters() -> None:
    assert monthly_rollup_run(today=dt.date(2026, 3, 10)) == []
