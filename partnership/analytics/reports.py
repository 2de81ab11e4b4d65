"""Visitor-statistics reports: the figures for a range of days, small numbers suppressed.

A report is computed from a ``ReportSource`` — the aggregate counters in production
(``selectors.CounterSource``), one-row-per-view raw events in the benchmark — so the
same arithmetic and the same suppression apply to both.

Suppression (issue 6, "Counting" 5): a count below ``STATS_SUPPRESSION_THRESHOLD``
is withheld (``None``; "fewer than 10" on the page, ``null`` in JSON and CSV). The
cells of a breakdown add up to the total, or close to it, so withholding one cell
alone would not hide it: subtracting the others from the total gives it back. So
when a breakdown withholds anything, it also withholds its next smallest cells
until at least two are withheld *and* the withheld cells add up to at least the
threshold (secondary suppression). What a reader can still work out is only that
several cells share a sum of at least the threshold. docs/analytics-reports.md.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from django.conf import settings

TIMEZONE = "Europe/London"
SITE = "*"  # the area that holds the whole site's totals (DailyAreaCount)
MAX_SPAN_MONTHS = 25
DIMENSIONS = ("countries", "browsers", "devices", "referrers")

Count = int | None


class ReportSource(Protocol):
    """Where a report's figures come from; each method covers ``start`` to ``end`` inclusive."""

    def site_days(self, *, start: dt.date, end: dt.date) -> list[tuple[dt.date, int, int]]:
        """(day, views, unique visitors) of the whole site, for the days that have any."""
        ...

    def areas(self, *, start: dt.date, end: dt.date) -> list[tuple[str, int, int]]:
        """(area, views, sum of daily unique visitors) per area, the site total excluded."""
        ...

    def dimension(self, *, name: str, start: dt.date, end: dt.date) -> list[tuple[str, int]]:
        """(key, views) per country, browser, device or referrer (``name`` in DIMENSIONS)."""
        ...


@dataclass(frozen=True)
class ReportRange:
    start: dt.date
    end: dt.date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def each_day(self) -> list[dt.date]:
        return [self.start + dt.timedelta(days=n) for n in range(self.days)]


@dataclass(frozen=True)
class ReportRow:
    key: str
    views: Count
    visitors: Count = None


@dataclass(frozen=True)
class DayFigures:
    day: dt.date
    views: Count
    visitors: Count


@dataclass(frozen=True)
class AnalyticsReport:
    range: ReportRange
    threshold: int
    views: Count
    visitors: Count
    days: tuple[DayFigures, ...]
    areas: tuple[ReportRow, ...]
    countries: tuple[ReportRow, ...]
    browsers: tuple[ReportRow, ...]
    devices: tuple[ReportRow, ...]
    referrers: tuple[ReportRow, ...]

    def dimension(self, name: str) -> tuple[ReportRow, ...]:
        rows: tuple[ReportRow, ...] = getattr(self, name)
        return rows


# --- Ranges (Europe/London days) -------------------------------------------------------


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later (earlier when negative), clamped to the month's end."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return dt.date(year, month, min(day.day, (following - dt.timedelta(days=1)).day))


def range_last_days(*, days: int, today: dt.date) -> ReportRange:
    """The last ``days`` days, today included."""
    if days < 1:
        raise ValueError("a range has at least one day")
    return ReportRange(today - dt.timedelta(days=days - 1), today)


def range_last_months(*, months: int, today: dt.date) -> ReportRange:
    """From the day after the same date ``months`` months ago, to today included."""
    return ReportRange(add_months(today, -months) + dt.timedelta(days=1), today)


def range_problem(*, start: dt.date, end: dt.date) -> str | None:
    """Why staff may not ask for this range, or ``None`` when they may."""
    if start > end:
        return "The first day must not be after the last day."
    if start <= add_months(end, -MAX_SPAN_MONTHS):
        return f"A report covers at most {MAX_SPAN_MONTHS} months."
    return None


# --- Suppression ------------------------------------------------------------------------


def suppression_threshold() -> int:
    return int(settings.STATS_SUPPRESSION_THRESHOLD)


def suppress_total(value: int, threshold: int) -> Count:
    return None if value < threshold else value


def suppress_cells(values: Sequence[int], threshold: int) -> list[Count]:
    """Withhold cells below ``threshold``, then enough of the smallest others (see above)."""
    withheld = [value < threshold for value in values]
    if any(withheld):
        # Smallest first; ties in their given order, so the result is deterministic.
        candidates = sorted(
            (n for n, hidden in enumerate(withheld) if not hidden), key=lambda n: values[n]
        )
        count = withheld.count(True)
        total = sum(value for value, hide in zip(values, withheld, strict=True) if hide)
        for n in candidates:
            if count >= 2 and total >= threshold:
                break
            withheld[n] = True
            count += 1
            total += values[n]
    return [None if hide else value for value, hide in zip(values, withheld, strict=True)]


def _rows(entries: Iterable[tuple[str, int, int | None]], threshold: int) -> tuple[ReportRow, ...]:
    """Rows by views, most first; withheld rows last, in key order (their order says nothing)."""
    items = list(entries)
    views = suppress_cells([entry[1] for entry in items], threshold)
    visitor_counts = [entry[2] for entry in items]
    visitors: list[Count] = list(visitor_counts)
    if items and all(count is not None for count in visitor_counts):
        visitors = suppress_cells([count or 0 for count in visitor_counts], threshold)
    rows = [
        ReportRow(key=entry[0], views=view, visitors=visitor)
        for entry, view, visitor in zip(items, views, visitors, strict=True)
    ]
    shown = sorted((r for r in rows if r.views is not None), key=lambda r: (-(r.views or 0), r.key))
    hidden = sorted((r for r in rows if r.views is None), key=lambda r: r.key)
    return tuple(shown + hidden)


# --- The report -------------------------------------------------------------------------


def report_build(
    *, source: ReportSource, report_range: ReportRange, threshold: int | None = None
) -> AnalyticsReport:
    """Every figure of the report for ``report_range``, suppression applied."""
    limit = suppression_threshold() if threshold is None else threshold
    start, end = report_range.start, report_range.end
    by_day = {
        day: (views, visitors) for day, views, visitors in source.site_days(start=start, end=end)
    }
    calendar = report_range.each_day()
    day_views = [by_day.get(day, (0, 0))[0] for day in calendar]
    day_visitors = [by_day.get(day, (0, 0))[1] for day in calendar]
    days = tuple(
        DayFigures(day=day, views=views, visitors=visitors)
        for day, views, visitors in zip(
            calendar,
            suppress_cells(day_views, limit),
            suppress_cells(day_visitors, limit),
            strict=True,
        )
    )
    dimensions = {
        name: _rows(
            (
                (key, views, None)
                for key, views in source.dimension(name=name, start=start, end=end)
            ),
            limit,
        )
        for name in DIMENSIONS
    }
    return AnalyticsReport(
        range=report_range,
        threshold=limit,
        views=suppress_total(sum(day_views), limit),
        visitors=suppress_total(sum(day_visitors), limit),
        days=days,
        areas=_rows(source.areas(start=start, end=end), limit),
        countries=dimensions["countries"],
        browsers=dimensions["browsers"],
        devices=dimensions["devices"],
        referrers=dimensions["referrers"],
    )


def report_as_json(report: AnalyticsReport) -> dict[str, object]:
    """DESIGN §3's ``analytics_report --json`` document; a withheld number is ``None``."""

    def named(rows: tuple[ReportRow, ...], key: str) -> list[dict[str, object]]:
        return [{key: row.key, "views": row.views} for row in rows]

    return {
        "from": report.range.start.isoformat(),
        "to": report.range.end.isoformat(),
        "timezone": TIMEZONE,
        "suppression_threshold": report.threshold,
        "totals": {"views": report.views, "visitors": report.visitors},
        "areas": [
            {"area": row.key, "views": row.views, "visitors": row.visitors} for row in report.areas
        ],
        "countries": named(report.countries, "country"),
        "browsers": named(report.browsers, "name"),
        "devices": named(report.devices, "name"),
        "referrers": named(report.referrers, "name"),
    }


# --- CSV ----------------------------------------------------------------------------------

CSV_HEADER = ("section", "name", "views", "visitors")
CSV_SECTIONS = (
    ("area", "areas"),
    ("country", "countries"),
    ("browser", "browsers"),
    ("device", "devices"),
    ("referrer", "referrers"),
)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> str:
    """A withheld count reads ``null``; text that a spreadsheet would run stays text."""
    text = "null" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def report_csv(report: AnalyticsReport) -> str:
    """The page's figures as CSV: one ``section`` per table, then each day."""
    lines: list[tuple[object, ...]] = [
        ("from", report.range.start.isoformat(), "", ""),
        ("to", report.range.end.isoformat(), "", ""),
        ("timezone", TIMEZONE, "", ""),
        ("suppression_threshold", report.threshold, "", ""),
        ("totals", "", report.views, report.visitors),
    ]
    for section, name in CSV_SECTIONS:
        for row in report.dimension(name):
            lines.append((section, row.key, row.views, row.visitors if name == "areas" else ""))
    lines.extend(("day", day.day.isoformat(), day.views, day.visitors) for day in report.days)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    writer.writerows([csv_cell(value) for value in line] for line in lines)
    return buffer.getvalue()
