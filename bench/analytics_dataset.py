"""The data of the ``analytics_reports`` benchmark, run inside a Django process.

``python -m bench.analytics_dataset generate|copy|measure`` with ``DATABASE_URL`` set
(the parent, ``bench/analytics_reports.py``, does that):

- ``generate`` (SQLite): 10 million synthetic page views over 25 months, written both
  as the daily counter tables the site keeps and as a bench-only table of one row per
  view (``bench_raw_view``), seeded so every run builds the same data;
- ``copy`` (PostgreSQL): the same rows copied from that SQLite file (COPY);
- ``measure``: each report (30 days, 12 months, 25 months) from the counters
  (``selectors.analytics_report_get``, exactly as the page does) and from the raw rows
  (``RawEventSource`` below), checking the two give the same figures; prints JSON.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import sqlite3
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from itertools import accumulate
from typing import Any

import django

TOTAL_VIEWS = 10_000_000
END = dt.date(2026, 11, 17)  # the data's last day ("today"); ranges end here, whatever the date
VIEWS_PER_VISITOR = 2.6
RAW = "bench_raw_view"
RAW_COLUMNS = ("day", "area", "country", "browser", "device", "referrer", "visitor_day_key")
COUNTER_TABLES = {
    "analytics_dailyareacount": ("day", "area", "views", "visitors"),
    "analytics_dailycountrycount": ("day", "country", "views"),
    "analytics_dailybrowsercount": ("day", "name", "views"),
    "analytics_dailydevicecount": ("day", "name", "views"),
    "analytics_dailyreferrercount": ("day", "name", "views"),
}
AREAS = ["/", "/card/", "/offers/", "/apply/", "/help/", "/privacy/", "/legal/", "/complaints/"]
AREA_WEIGHTS = [40, 15, 20, 8, 8, 5, 2, 2]
BROWSERS = [
    "Chrome", "Safari", "Mobile Safari", "Edge", "Firefox", "Samsung Internet", "Chrome Mobile",
    "Opera", "Chrome Mobile iOS", "Firefox Mobile", "Yandex Browser", "UC Browser", "Other",
]  # fmt: skip
DEVICES = ["desktop", "mobile", "tablet", "other"]
DEVICE_WEIGHTS = [45, 45, 9, 1]
MONTHLY = "analytics_monthlycount"
MONTHLY_COLUMNS = ("month", "dimension", "name", "views", "visitors")
RAW_RUNS = {"30d": 3, "12m": 1, "25m": 1}  # the raw reports are slow: fewer runs
COUNTER_RUNS = 9


def _zipf(count: int, exponent: float) -> list[float]:
    return list(accumulate(1 / (rank**exponent) for rank in range(1, count + 1)))


def _countries() -> list[str]:
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    rng = random.Random(3166)
    codes = ["GB", "IE", "US", "FR", "DE", "ES", "NL", "IT", "PL", "IN", "ZZ"]
    while len(codes) < 150:
        code = rng.choice(letters) + rng.choice(letters)
        if code not in codes:
            codes.append(code)
    return codes


def _referrers() -> list[str]:
    named = ["google.com", "bing.com", "duckduckgo.com", "facebook.com", "moneysavingexpert.com"]
    return named + [f"site{n}.example" for n in range(395)]


def ranges() -> dict[str, tuple[dt.date, dt.date]]:
    from partnership.analytics.reports import range_last_days, range_last_months

    found = {
        "30d": range_last_days(days=30, today=END),
        "12m": range_last_months(months=12, today=END),
        "25m": range_last_months(months=25, today=END),
    }
    return {name: (r.start, r.end) for name, r in found.items()}


def _day_views(days: list[dt.date]) -> list[int]:
    """Growth over the 25 months, quieter weekends, a little noise; exactly TOTAL_VIEWS."""
    rng = random.Random(25)
    shape = [
        (0.6 + 0.8 * n / len(days)) * (0.75 if day.weekday() >= 5 else 1.0) * rng.uniform(0.9, 1.1)
        for n, day in enumerate(days)
    ]
    scale = TOTAL_VIEWS / sum(shape)
    views = [int(weight * scale) for weight in shape]
    views[-1] += TOTAL_VIEWS - sum(views)
    return views


def _one_day(
    day: dt.date, views: int, rng: random.Random
) -> tuple[list[tuple[Any, ...]], dict[str, list[tuple[Any, ...]]]]:
    """The raw rows of one day and its counter rows, from the same draws."""
    countries, referrers = _countries(), _referrers()
    visitors = max(1, round(views / VIEWS_PER_VISITOR))
    country = rng.choices(countries, cum_weights=_zipf(len(countries), 1.6), k=visitors)
    browser = rng.choices(BROWSERS, cum_weights=_zipf(len(BROWSERS), 1.2), k=visitors)
    device = rng.choices(DEVICES, weights=DEVICE_WEIGHTS, k=visitors)
    referrer = [
        name if rng.random() < 0.4 else None
        for name in rng.choices(referrers, cum_weights=_zipf(len(referrers), 1.1), k=visitors)
    ]
    who = [int(rng.random() * visitors) for _ in range(views)]
    area = rng.choices(AREAS, weights=AREA_WEIGHTS, k=views)
    iso = day.isoformat()
    raw = [
        (iso, a, country[v], browser[v], device[v], referrer[v], v)
        for a, v in zip(area, who, strict=True)
    ]
    area_views = Counter(area)
    area_visitors = Counter(a for a, _ in set(zip(area, who, strict=True)))
    counters: dict[str, list[tuple[Any, ...]]] = {
        "analytics_dailyareacount": [(iso, "*", views, len(set(who)))]
        + [(iso, a, n, area_visitors[a]) for a, n in sorted(area_views.items())],
    }
    for table, values in [
        ("analytics_dailycountrycount", [country[v] for v in who]),
        ("analytics_dailybrowsercount", [browser[v] for v in who]),
        ("analytics_dailydevicecount", [device[v] for v in who]),
        ("analytics_dailyreferrercount", [r for v in who if (r := referrer[v]) is not None]),
    ]:
        counters[table] = [(iso, key, n) for key, n in sorted(Counter(values).items())]
    return raw, counters


def _insert(table: str, columns: tuple[str, ...]) -> str:
    marks = ", ".join("?" * len(columns))
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"  # noqa: S608


def generate(progress: Callable[[str], None]) -> dict[str, int]:
    """Fill the (migrated, empty) SQLite database; returns each table's row count."""
    from django.db import connection

    from partnership.analytics.reports import add_months

    connection.ensure_connection()
    db: sqlite3.Connection = connection.connection
    db.isolation_level = None  # explicit BEGIN/COMMIT below
    db.execute("PRAGMA synchronous=OFF")
    db.execute(f"DROP TABLE IF EXISTS {RAW}")
    db.execute(
        f"CREATE TABLE {RAW} (day date NOT NULL, area varchar(64) NOT NULL, "
        "country varchar(2) NOT NULL, browser varchar(40) NOT NULL, device varchar(20) NOT NULL, "
        "referrer varchar(253) NULL, visitor_day_key integer NOT NULL)"
    )
    first = add_months(END, -25) + dt.timedelta(days=1)
    days = [first + dt.timedelta(days=n) for n in range((END - first).days + 1)]
    rng = random.Random(2026)
    started = time.monotonic()
    db.execute("BEGIN")
    for n, (day, views) in enumerate(zip(days, _day_views(days), strict=True), start=1):
        raw, counters = _one_day(day, views, rng)
        db.executemany(_insert(RAW, RAW_COLUMNS), raw)
        for table, rows in counters.items():
            db.executemany(_insert(table, COUNTER_TABLES[table]), rows)
        if n % 30 == 0 or n == len(days):
            db.execute("COMMIT")
            db.execute("BEGIN")
            progress(f"    {n}/{len(days)} days, {time.monotonic() - started:.0f} s")
    db.execute("COMMIT")
    progress("    indexing the raw table by day")
    db.execute(f"CREATE INDEX {RAW}_day ON {RAW} (day)")
    progress("    rolling up the finished months (the analytics_rollup job)")
    rollup()
    db.execute("ANALYZE")
    return row_counts()


def rollup() -> None:
    from partnership.analytics.rollups import monthly_rollup_run

    monthly_rollup_run(today=END)


def row_counts() -> dict[str, int]:
    from django.db import connection

    with connection.cursor() as cursor:
        found = {}
        for table in [RAW, *COUNTER_TABLES, MONTHLY]:
            cursor.execute(f"SELECT COUNT(*) FROM {table}")  # noqa: S608 (constant names)
            found[table] = int(cursor.fetchone()[0])
        return found


def copy_from_sqlite(source: str, progress: Callable[[str], None]) -> dict[str, int]:
    """Copy every bench row from the SQLite file into this (PostgreSQL) database."""
    from django.db import connection

    reader = sqlite3.connect(source)
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {RAW}")
        cursor.execute(
            f"CREATE TABLE {RAW} (day date NOT NULL, area varchar(64) NOT NULL, "
            "country varchar(2) NOT NULL, browser varchar(40) NOT NULL, "
            "device varchar(20) NOT NULL, referrer varchar(253) NULL, "
            "visitor_day_key integer NOT NULL)"
        )
        tables = [(RAW, RAW_COLUMNS), *COUNTER_TABLES.items(), (MONTHLY, MONTHLY_COLUMNS)]
        for table, columns in tables:
            cursor.execute(f"TRUNCATE {table}")
            started = time.monotonic()
            rows: Iterator[tuple[Any, ...]] = reader.execute(
                f"SELECT {', '.join(columns)} FROM {table}"  # noqa: S608 (constant names)
            )
            with cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            progress(f"    copied {table} in {time.monotonic() - started:.0f} s")
        cursor.execute(f"CREATE INDEX {RAW}_day ON {RAW} (day)")
        cursor.execute("ANALYZE")
    reader.close()
    return row_counts()


class RawEventSource:
    """The report's figures computed from one row per page view (the reference)."""

    def _rows(self, sql: str, start: dt.date, end: dt.date) -> list[tuple[Any, ...]]:
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute(sql, [start, end])
            return list(cursor.fetchall())

    def site_days(self, *, start: dt.date, end: dt.date) -> list[tuple[dt.date, int, int]]:
        rows = self._rows(
            f"SELECT day, COUNT(*), COUNT(DISTINCT visitor_day_key) FROM {RAW} "  # noqa: S608
            "WHERE day BETWEEN %s AND %s GROUP BY day ORDER BY day",
            start,
            end,
        )
        return [(_date(day), int(views), int(visitors)) for day, views, visitors in rows]

    def areas(self, *, start: dt.date, end: dt.date) -> list[tuple[str, int, int]]:
        rows = self._rows(
            "SELECT area, SUM(v), SUM(u) FROM (SELECT day, area, COUNT(*) AS v, "  # noqa: S608
            f"COUNT(DISTINCT visitor_day_key) AS u FROM {RAW} WHERE day BETWEEN %s AND %s "
            "GROUP BY day, area) AS per_day GROUP BY area",
            start,
            end,
        )
        return [(str(area), int(views), int(visitors)) for area, views, visitors in rows]

    def dimension(self, *, name: str, start: dt.date, end: dt.date) -> list[tuple[str, int]]:
        column = {"countries": "country", "browsers": "browser", "devices": "device"}.get(
            name, "referrer"
        )
        rows = self._rows(
            f"SELECT {column}, COUNT(*) FROM {RAW} WHERE day BETWEEN %s AND %s "  # noqa: S608
            f"AND {column} IS NOT NULL GROUP BY {column}",
            start,
            end,
        )
        return [(str(key), int(views)) for key, views in rows]


def _date(value: object) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def measure(progress: Callable[[str], None]) -> dict[str, object]:
    from django.db import connection

    from partnership.analytics.reports import ReportRange, report_build
    from partnership.analytics.selectors import analytics_report_get

    results: dict[str, object] = {"vendor": connection.vendor, "rows": row_counts()}
    for name, (start, end) in ranges().items():
        report_range = ReportRange(start, end)
        analytics_report_get(report_range=report_range)  # warm the connection and caches
        counter_ms = []
        for _ in range(COUNTER_RUNS):
            started = time.perf_counter()
            from_counters = analytics_report_get(report_range=report_range)
            counter_ms.append((time.perf_counter() - started) * 1000)
        raw_ms = []
        for _ in range(RAW_RUNS[name]):
            started = time.perf_counter()
            from_raw = report_build(source=RawEventSource(), report_range=report_range)
            raw_ms.append((time.perf_counter() - started) * 1000)
        results[name] = {
            "from": start.isoformat(),
            "to": end.isoformat(),
            "counters_ms": statistics.median(counter_ms),
            "counters_runs": COUNTER_RUNS,
            "raw_ms": statistics.median(raw_ms),
            "raw_runs": RAW_RUNS[name],
            "same_figures": from_counters == from_raw,
            "views": from_counters.views,
        }
        progress(
            f"    {connection.vendor} {name}: counters {statistics.median(counter_ms):.1f} ms, "
            f"raw {statistics.median(raw_ms):.0f} ms"
        )
    return results


def main(argv: list[str]) -> int:
    django.setup()

    def progress(line: str) -> None:
        print(line, file=sys.stderr, flush=True)

    if argv[0] == "generate":
        found = generate(progress)
    elif argv[0] == "copy":
        found = copy_from_sqlite(os.environ["BENCH_SQLITE_SOURCE"], progress)
    elif argv[0] == "rollup":
        rollup()
        found = row_counts()
    elif argv[0] == "counts":
        found = row_counts()
    else:
        print(json.dumps(measure(progress)))
        return 0
    print(json.dumps(found))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
