"""Writing counters (added to, in one statement per batch) and their retention rules.

The flusher adds buffered increments with ``INSERT … ON CONFLICT … DO UPDATE SET
views = views + excluded.views`` — SQLite (3.24+) and PostgreSQL both support it, and
``bulk_create(update_conflicts=True)`` can only overwrite. The access log's expiring
files are reduced to requests per country before the retention engine deletes them.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection, models, transaction

from partnership.analytics import access_log
from partnership.analytics.hits import CounterKey, country_of
from partnership.analytics.models import (
    AccessLogCountryCount,
    DailyAreaCount,
    DailyBrowserCount,
    DailyCountryCount,
    DailyDeviceCount,
    DailyReferrerCount,
    HourlyAreaCount,
)
from partnership.core import clock
from partnership.privacy import retention

HOURLY_RETENTION = dt.timedelta(days=90)
# Rows per INSERT: well under SQLite's limit of bound parameters.
UPSERT_CHUNK = 200


# counter kind -> (model, time column, name column, columns added to)
_TABLES: dict[str, tuple[type[models.Model], str, str, tuple[str, ...]]] = {
    "area": (DailyAreaCount, "day", "area", ("views", "visitors")),
    "hour": (HourlyAreaCount, "hour", "area", ("views", "visitors")),
    "country": (DailyCountryCount, "day", "country", ("views",)),
    "browser": (DailyBrowserCount, "day", "name", ("views",)),
    "device": (DailyDeviceCount, "day", "name", ("views",)),
    "referrer": (DailyReferrerCount, "day", "name", ("views",)),
}


def counters_add(*, increments: Mapping[CounterKey, tuple[int, int]]) -> int:
    """Add buffered (views, visitors) increments to the counter tables, in one
    transaction; return how many counter rows were touched."""
    grouped: dict[str, list[tuple[Any, str, int, int]]] = {}
    for (kind, when, name), (views, visitors) in increments.items():
        grouped.setdefault(kind, []).append((when, name, views, visitors))
    with transaction.atomic():
        for kind, rows in grouped.items():
            model, time_column, name_column, added = _TABLES[kind]
            values = [
                (when, name, views, visitors)[: 2 + len(added)]
                for when, name, views, visitors in rows
            ]
            rows_add(model=model, keys=(time_column, name_column), added=added, rows=values)
    return sum(len(rows) for rows in grouped.values())


def rows_add(
    *,
    model: type[models.Model],
    keys: Sequence[str],
    added: Sequence[str],
    rows: Sequence[Sequence[Any]],
    replace: bool = False,
) -> None:
    """Upsert ``rows`` (values of ``keys`` then ``added``) on the unique ``keys``: add to
    the existing values, or with ``replace`` overwrite them."""
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    fields = [_concrete(model, name) for name in (*keys, *added)]
    columns = ", ".join(quote(field.column) for field in fields)
    placeholder = "(" + ", ".join(["%s"] * len(fields)) + ")"
    updates = ", ".join(
        f"{quote(name)} = excluded.{quote(name)}"
        if replace
        else f"{quote(name)} = {table}.{quote(name)} + excluded.{quote(name)}"
        for name in added
    )
    conflict = ", ".join(quote(name) for name in keys)
    with connection.cursor() as cursor:
        for start in range(0, len(rows), UPSERT_CHUNK):
            chunk = rows[start : start + UPSERT_CHUNK]
            params = [
                field.get_db_prep_value(value, connection, prepared=False)
                for row in chunk
                for field, value in zip(fields, row, strict=True)
            ]
            cursor.execute(
                f"INSERT INTO {table} ({columns}) VALUES {', '.join([placeholder] * len(chunk))} "  # noqa: S608
                f"ON CONFLICT ({conflict}) DO UPDATE SET {updates}",
                params,
            )


def _concrete(model: type[models.Model], name: str) -> models.Field[Any, Any]:
    field = model._meta.get_field(name)
    if not isinstance(field, models.Field) or field.column is None:
        raise TypeError(f"{model.__name__}.{name} is not a column")
    return field


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
                country = looked_up[address] = country_of(address)
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
