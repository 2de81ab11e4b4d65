"""Writing counters: buffered increments added to, in one statement per batch.

The flusher adds buffered increments with ``INSERT … ON CONFLICT … DO UPDATE SET
views = views + excluded.views`` — SQLite (3.24+) and PostgreSQL both support it, and
``bulk_create(update_conflicts=True)`` can only overwrite.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from django.db import connection, models, transaction

from partnership.analytics.hits import CounterKey
from partnership.analytics.models import (
    DailyAreaCount,
    DailyBrowserCount,
    DailyCountryCount,
    DailyDeviceCount,
    DailyReferrerCount,
    HourlyAreaCount,
)

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
