"""The retention rules of the counters and the access log (registered from ``ready()``).

Hourly counts go after 90 days. The access log's expiring files are first reduced to
requests per country, then the retention engine deletes them.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from django.conf import settings
from django.db import transaction

from partnership.analytics import access_log
from partnership.analytics.counter_writes import rows_add
from partnership.analytics.hits import country_of
from partnership.analytics.models import AccessLogCountryCount, HourlyAreaCount
from partnership.core import clock
from partnership.core.client_address import parse_address
from partnership.privacy import retention

HOURLY_RETENTION = dt.timedelta(days=90)


# --- The access log's roll-up and retention ----------------------------------------
def access_log_countries(paths: Iterable[Path]) -> dict[dt.date, Counter[str]]:
    """Requests per country of each day's file (offline look-up; addresses not kept)."""
    per_day: dict[dt.date, Counter[str]] = {}
    for path in paths:
        day = access_log.file_day(path)
        if day is None:
            continue
        looked_up: dict[str, str] = {}
        counts = per_day.setdefault(day, Counter())
        for address in access_log.addresses_in(path):
            country = looked_up.get(address)
            if country is None:
                country = looked_up[address] = country_of(parse_address(address.strip()))
            counts[country] += 1
    return per_day


def access_log_rollup(paths: list[Path]) -> None:
    """The retention step before the files go: each day's requests per country.

    A file holds one whole day, so its counts replace any earlier roll-up of that day:
    running it twice (a deletion that failed after it) counts nothing twice.
    """
    per_day = access_log_countries(paths)
    rows = [
        (day, country, requests)
        for day, counts in sorted(per_day.items())
        for country, requests in sorted(counts.items())
    ]
    with transaction.atomic():
        rows_add(
            model=AccessLogCountryCount,
            keys=("day", "country"),
            added=("requests",),
            rows=rows,
            replace=True,
        )


def retention_days() -> int:
    return int(settings.ACCESS_LOG_RETENTION_DAYS)


def access_log_file_time(path: Path) -> dt.datetime | None:
    """When the file of day *d* counts as written, for the retention engine: shifted so
    that, with a period of N days, it expires exactly when London day *d* + N begins —
    at most N daily files, today's included, whatever the time of day or DST."""
    day = access_log.file_day(path)
    if day is None:
        return None
    days = retention_days()
    expires = dt.datetime.combine(day + dt.timedelta(days=days), dt.time(), tzinfo=clock.LONDON)
    return expires - dt.timedelta(days=days)


def register() -> None:
    retention.register(
        retention.TableRule(
            name="analytics-hourly",
            description=(
                "Hourly page-view counts (no one identified) are kept 90 days; the "
                "daily counts stay for long-range reports."
            ),
            queryset=HourlyAreaCount.objects.all,
            aged_by="hour",
            period=HOURLY_RETENTION,
            batch_size=2000,
        )
    )
    retention.register(
        retention.FileRule(
            name="access-log",
            description=(
                "Daily access-log files (time, method, path, status, address, browser) "
                "are kept for troubleshooting at most ACCESS_LOG_RETENTION_DAYS days "
                "(7 by default), today's included; each day is first reduced to "
                "requests per country."
            ),
            directory=lambda: Path(settings.ACCESS_LOG_DIR),
            pattern=access_log.FILE_GLOB,
            period=lambda: dt.timedelta(days=retention_days()),
            file_time=access_log_file_time,
            before_delete=access_log_rollup,
        )
    )
