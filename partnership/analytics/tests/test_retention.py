"""Retention moves the clock, not the data: at most N access-log files, the deleted
days rolled up by country; hourly counters kept 90 days."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from pytest_django import Settings

from partnership.analytics.access_log import AccessLogWriter, line
from partnership.analytics.models import AccessLogCountryCount, HourlyAreaCount
from partnership.core import clock
from partnership.privacy.retention import retention_run

pytestmark = pytest.mark.django_db

START = dt.datetime(2026, 11, 1, 12, 0, tzinfo=clock.LONDON)


@pytest.fixture
def moved_clock(monkeypatch: pytest.MonkeyPatch) -> Any:
    class Clock:
        at = START

    monkeypatch.setattr(clock, "now", lambda: Clock.at.astimezone(dt.UTC))
    return Clock


def write_day(writer: AccessLogWriter, at: dt.datetime, addresses: list[str]) -> None:
    for address in addresses:
        entry = line(
            at=at,
            method="GET",
            path="/",
            status=200,
            duration_ms=1.0,
            address=address,
            user_agent="Mozilla/5.0",
        )
        writer.write(entry, at=at)


def test_access_log_keeps_exactly_n_files_and_rolls_up_the_deleted_days(
    settings: Settings, tmp_path: Path, moved_clock: Any
) -> None:
    settings.ACCESS_LOG_DIR = tmp_path
    settings.ACCESS_LOG_RETENTION_DAYS = 3
    writer = AccessLogWriter(tmp_path)
    # Given ten days of traffic, written as the days went by
    for offset in range(10):
        write_day(
            writer,
            START + dt.timedelta(days=offset),
            ["81.2.69.160", "81.2.69.161", "8.8.8.8", "2a00:1450:4009::1", "10.0.0.1"],
        )
    writer.close()

    # When retention runs just after midnight of the tenth day
    moved_clock.at = dt.datetime(2026, 11, 10, 0, 0, 1, tzinfo=clock.LONDON)
    report = retention_run(dry_run=False)

    # Then only today's file and the two before it are left
    outcome = next(o for o in report.rules if o.rule == "access-log")
    assert outcome.error == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "access-2026-11-08.log",
        "access-2026-11-09.log",
        "access-2026-11-10.log",
    ]
    # And each deleted day is kept as requests per country
    rows = AccessLogCountryCount.objects.order_by("day", "country")
    assert {row.day for row in rows} == {dt.date(2026, 11, day) for day in range(1, 8)}
    per_country = {row.country: row.requests for row in rows if row.day == dt.date(2026, 11, 1)}
    assert per_country == {"GB": 2, "US": 1, "IE": 1, "ZZ": 1}

    # And late that evening nothing more goes; the next midnight takes one more day
    moved_clock.at = dt.datetime(2026, 11, 10, 23, 59, tzinfo=clock.LONDON)
    retention_run(dry_run=False)
    assert len(list(tmp_path.iterdir())) == 3
    moved_clock.at = dt.datetime(2026, 11, 11, 0, 0, 1, tzinfo=clock.LONDON)
    retention_run(dry_run=False)
    assert sorted(p.name for p in tmp_path.iterdir())[0] == "access-2026-11-09.log"
    assert AccessLogCountryCount.objects.filter(day=dt.date(2026, 11, 8)).count() == 4


def test_the_default_keeps_seven_files_across_the_clock_change(
    settings: Settings, tmp_path: Path, moved_clock: Any
) -> None:
    settings.ACCESS_LOG_DIR = tmp_path
    writer = AccessLogWriter(tmp_path)
    october = dt.datetime(2026, 10, 20, 12, 0, tzinfo=clock.LONDON)  # clocks go back 25th
    for offset in range(12):
        write_day(writer, october + dt.timedelta(days=offset), ["81.2.69.160"])
    writer.close()

    moved_clock.at = dt.datetime(2026, 10, 31, 0, 0, 1, tzinfo=clock.LONDON)
    retention_run(dry_run=False)

    assert sorted(p.name for p in tmp_path.iterdir()) == [
        f"access-2026-10-{day}.log" for day in range(25, 32)
    ]


def test_hourly_counts_are_kept_ninety_days(moved_clock: Any) -> None:
    now = START.astimezone(dt.UTC)
    for age in (dt.timedelta(days=90, hours=1), dt.timedelta(days=89, hours=23), dt.timedelta(1)):
        HourlyAreaCount.objects.create(hour=now - age, area="/", views=1, visitors=1)
    retention_run(dry_run=False)

    kept = sorted((now - row.hour).days for row in HourlyAreaCount.objects.all())
    assert kept == [1, 89]
