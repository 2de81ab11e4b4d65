"""Monthly roll-ups of the daily counters, so a 25-month report reads few rows.

``monthly_rollup_run`` (the ``analytics_rollup`` job) adds up each month that ended at
least ``SETTLE_DAYS`` ago into ``MonthlyCount``: one row per month and key of each
daily table, plus the month's site total (``dimension="*"``). Reports
(``selectors.CounterSource``) use a month's roll-up only when that site total still
equals the sum of the month's daily site rows — a flush that arrived late makes them
read the daily rows again until the next run redoes the month — so a report never
depends on the job having run, only its speed does.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator

from django.db import transaction
from django.db.models import Min, Model, Q, Sum

from partnership.analytics.models import (
    DailyAreaCount,
    DailyBrowserCount,
    DailyCountryCount,
    DailyDeviceCount,
    DailyReferrerCount,
    MonthlyCount,
)
from partnership.analytics.reports import SITE, add_months

SETTLE_DAYS = 2  # buffered hits of a month's last day are flushed well within this
# MonthlyCount.dimension -> (daily model, its key field)
DAILY_TABLES: dict[str, tuple[type[Model], str]] = {
    "area": (DailyAreaCount, "area"),
    "country": (DailyCountryCount, "country"),
    "browser": (DailyBrowserCount, "name"),
    "device": (DailyDeviceCount, "name"),
    "referrer": (DailyReferrerCount, "name"),
}


def daily_sums(dimension: str, where: Q) -> Iterator[tuple[str, int, int]]:
    """(name, views, visitors) of one dimension's daily counters matching ``where``,
    summed per name. Only areas count visitors; the whole-site row is not an area."""
    model, field = DAILY_TABLES[dimension]
    counters = model._default_manager.filter(where)
    sums = {"total_views": Sum("views")}
    if dimension == "area":
        counters = counters.exclude(area=SITE)
        sums["total_visitors"] = Sum("visitors")
    for entry in counters.values(field).annotate(**sums).order_by():
        yield entry[field], entry["total_views"], entry.get("total_visitors") or 0


def month_last_day(month: dt.date) -> dt.date:
    return add_months(month.replace(day=1), 1) - dt.timedelta(days=1)


def daily_site_views_by_month(days: Iterable[tuple[dt.date, int]]) -> dict[dt.date, int]:
    totals: dict[dt.date, int] = defaultdict(int)
    for day, views in days:
        totals[day.replace(day=1)] += views
    return dict(totals)


def monthly_rollup_run(*, today: dt.date) -> list[dt.date]:
    """Roll up every settled month not rolled up, or whose roll-up is stale; return them."""
    first_day = DailyAreaCount.objects.aggregate(first=Min("day"))["first"]
    if first_day is None:
        return []
    settled_until = today - dt.timedelta(days=SETTLE_DAYS)
    daily = daily_site_views_by_month(
        DailyAreaCount.objects.filter(area=SITE).values_list("day", "views")
    )
    rolled = dict(
        MonthlyCount.objects.filter(dimension=SITE, name=SITE).values_list("month", "views")
    )
    done = []
    month = first_day.replace(day=1)
    while month_last_day(month) <= settled_until:
        if rolled.get(month) != daily.get(month, 0):
            _rollup_month(month)
            done.append(month)
        month = add_months(month, 1)
    return done


@transaction.atomic
def _rollup_month(month: dt.date) -> None:
    days = (month, month_last_day(month))
    MonthlyCount.objects.filter(month=month).delete()
    site = DailyAreaCount.objects.filter(day__range=days, area=SITE).aggregate(
        views=Sum("views"), visitors=Sum("visitors")
    )
    rows = [
        MonthlyCount(
            month=month,
            dimension=SITE,
            name=SITE,
            views=site["views"] or 0,
            visitors=site["visitors"] or 0,
        )
    ]
    for dimension in DAILY_TABLES:
        for name, views, visitors in daily_sums(dimension, Q(day__range=days)):
            rows.append(
                MonthlyCount(
                    month=month, dimension=dimension, name=name, views=views, visitors=visitors
                )
            )
    MonthlyCount.objects.bulk_create(rows, batch_size=1000)
