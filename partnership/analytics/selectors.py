"""Reads of the aggregate counters, for reports (``reports.report_build``).

Whole months of the range come from their monthly roll-up (``rollups.py``) when it is
present and still agrees with the daily site rows; the other days from the daily
tables. Every query filters on the first column of its table's unique index
(``day`` or ``month``) and adds up in SQL, one row per key. Over 25 months that is a
few thousand rows per table, however many page views they count
(docs/analytics-reports.md).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from functools import reduce
from operator import or_

from django.db.models import Q, Sum

from partnership.analytics.models import DailyAreaCount, MonthlyCount
from partnership.analytics.reports import (
    SITE,
    AnalyticsReport,
    ReportRange,
    add_months,
    report_build,
)
from partnership.analytics.rollups import (
    daily_site_views_by_month,
    daily_sums,
    month_last_day,
)

# Report dimension -> MonthlyCount.dimension
DIMENSIONS = {
    "countries": "country",
    "browsers": "browser",
    "devices": "device",
    "referrers": "referrer",
}


class CounterSource:
    """The report's figures from the counter tables (one instance per report)."""

    def __init__(self) -> None:
        self._site: dict[tuple[dt.date, dt.date], list[tuple[dt.date, int, int]]] = {}
        self._plans: dict[tuple[dt.date, dt.date], tuple[list[dt.date], list[Q]]] = {}

    def site_days(self, *, start: dt.date, end: dt.date) -> list[tuple[dt.date, int, int]]:
        if (start, end) not in self._site:
            self._site[(start, end)] = list(
                DailyAreaCount.objects.filter(day__range=(start, end), area=SITE)
                .order_by("day")
                .values_list("day", "views", "visitors")
            )
        return self._site[(start, end)]

    def _plan(self, start: dt.date, end: dt.date) -> tuple[list[dt.date], list[Q]]:
        """(rolled-up months to read, day ranges to read from the daily tables)."""
        if (start, end) in self._plans:
            return self._plans[(start, end)]
        whole = []
        month = start if start.day == 1 else add_months(start.replace(day=1), 1)
        while month_last_day(month) <= end:
            whole.append(month)
            month = add_months(month, 1)
        daily = daily_site_views_by_month(
            (day, views) for day, views, _ in self.site_days(start=start, end=end)
        )
        rolled = MonthlyCount.objects.filter(dimension=SITE, name=SITE, month__in=whole)
        usable = sorted(
            month for month, views in rolled.values_list("month", "views")
            if views == daily.get(month, 0)
        )  # fmt: skip
        spans, cursor = [], start
        for month in usable:
            if cursor < month:
                spans.append(Q(day__range=(cursor, month - dt.timedelta(days=1))))
            cursor = month_last_day(month) + dt.timedelta(days=1)
        if cursor <= end:
            spans.append(Q(day__range=(cursor, end)))
        self._plans[(start, end)] = (usable, spans)
        return usable, spans

    def _sums(
        self, dimension: str, start: dt.date, end: dt.date
    ) -> tuple[Counter[str], Counter[str]]:
        months, spans = self._plan(start, end)
        views: Counter[str] = Counter()
        visitors: Counter[str] = Counter()
        if months:
            rows = (
                MonthlyCount.objects.filter(month__in=months, dimension=dimension)
                .values("name")
                .annotate(total_views=Sum("views"), total_visitors=Sum("visitors"))
                .order_by()
                .values_list("name", "total_views", "total_visitors")
            )
            for name, view_count, visitor_count in rows:
                views[name] += view_count
                visitors[name] += visitor_count
        if spans:
            for name, view_count, visitor_count in daily_sums(dimension, reduce(or_, spans)):
                views[name] += view_count
                visitors[name] += visitor_count
        return views, visitors

    def areas(self, *, start: dt.date, end: dt.date) -> list[tuple[str, int, int]]:
        views, visitors = self._sums("area", start, end)
        return [(area, count, visitors[area]) for area, count in views.items()]

    def dimension(self, *, name: str, start: dt.date, end: dt.date) -> list[tuple[str, int]]:
        views, _ = self._sums(DIMENSIONS[name], start, end)
        return list(views.items())


def analytics_report_get(*, report_range: ReportRange) -> AnalyticsReport:
    """The report for ``report_range`` from the counters, small numbers suppressed."""
    return report_build(source=CounterSource(), report_range=report_range)
