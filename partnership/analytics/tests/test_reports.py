"""Reports from hand-made counter rows: exact figures, suppression, ranges, JSON and CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from pytest_django import Settings

from partnership.analytics.models import (
    DailyAreaCount,
    DailyBrowserCount,
    DailyCountryCount,
    DailyDeviceCount,
    DailyReferrerCount,
)
from partnership.analytics.reports import (
    DayFigures,
    ReportRange,
    report_as_json,
    report_csv,
)
from partnership.analytics.selectors import analytics_report_get

# The clocks went forward on Sunday 29 March 2026; each row is one whole UK day.
D1, D2, D3 = dt.date(2026, 3, 28), dt.date(2026, 3, 29), dt.date(2026, 3, 30)


def counters_make() -> None:
    site = [(D1, 120, 40), (D2, 80, 30), (D3, 25, 12), (dt.date(2026, 3, 31), 999, 99)]
    for day, views, visitors in site:
        DailyAreaCount.objects.create(day=day, area="*", views=views, visitors=visitors)
    areas = [
        (D1, "/", 70, 30),
        (D1, "/offers/", 50, 20),
        (D2, "/", 40, 20),
        (D2, "/offers/", 30, 12),
        (D2, "/help/", 10, 6),
        (D3, "/", 20, 10),
        (D3, "/apply/", 5, 2),
        (dt.date(2026, 3, 27), "/", 500, 50),
    ]
    for day, area, views, visitors in areas:
        DailyAreaCount.objects.create(day=day, area=area, views=views, visitors=visitors)
    countries = [(D1, "GB", 100), (D1, "FR", 20), (D2, "GB", 70), (D2, "IE", 10), (D3, "GB", 25)]
    for day, country, views in countries:
        DailyCountryCount.objects.create(day=day, country=country, views=views)
    browsers = [(D1, "Firefox", 60), (D1, "Chrome", 60), (D2, "Chrome", 80), (D3, "Safari", 5)]
    for day, name, views in browsers:
        DailyBrowserCount.objects.create(day=day, name=name, views=views)
    for day, name, views in [(D1, "desktop", 120), (D2, "mobile", 80), (D3, "mobile", 25)]:
        DailyDeviceCount.objects.create(day=day, name=name, views=views)
    referrers = [(D1, "example.org", 30), (D2, "example.org", 12), (D3, "search.example", 9)]
    for day, name, views in referrers:
        DailyReferrerCount.objects.create(day=day, name=name, views=views)


@pytest.mark.django_db
def test_report_adds_up_the_days_of_the_range_only() -> None:
    counters_make()

    report = analytics_report_get(report_range=ReportRange(D1, D3))

    assert report_as_json(report) == {
        "from": "2026-03-28",
        "to": "2026-03-30",
        "timezone": "Europe/London",
        "suppression_threshold": 10,
        # Visitors over a range: the sum of each day's unique visitors.
        "totals": {"views": 225, "visitors": 82},
        "areas": [
            {"area": "/", "views": 130, "visitors": 60},
            # Visitors: 6 and 2 are below 10 and add up to less than 10, so 32 goes too.
            {"area": "/offers/", "views": 80, "visitors": None},
            # /apply/ (5) is below 10; withholding it alone would let 225 - 130 - 80 - 10
            # give it back, so the next smallest (/help/, 10) is withheld with it.
            {"area": "/apply/", "views": None, "visitors": None},
            {"area": "/help/", "views": None, "visitors": None},
        ],
        "countries": [
            {"country": "GB", "views": 195},
            {"country": "FR", "views": 20},
            {"country": "IE", "views": 10},
        ],
        "browsers": [
            {"name": "Chrome", "views": 140},
            {"name": "Firefox", "views": None},
            {"name": "Safari", "views": None},
        ],
        "devices": [{"name": "desktop", "views": 120}, {"name": "mobile", "views": 105}],
        "referrers": [
            {"name": "example.org", "views": None},
            {"name": "search.example", "views": None},
        ],
    }
    assert report.days == (
        DayFigures(D1, 120, 40),
        DayFigures(D2, 80, 30),
        DayFigures(D3, 25, 12),
    )


@pytest.mark.django_db
def test_days_without_counters_are_withheld_not_shown_as_zero() -> None:
    DailyAreaCount.objects.create(day=D1, area="*", views=300, visitors=100)
    DailyAreaCount.objects.create(day=D3, area="*", views=200, visitors=90)

    report = analytics_report_get(report_range=ReportRange(D1, D3))

    # D2 is 0 (below 10): alone it would be 500 - 300 - 200; the smallest other goes too.
    assert report.days == (
        DayFigures(D1, 300, 100),
        DayFigures(D2, None, None),
        DayFigures(D3, None, None),
    )
    assert (report.views, report.visitors) == (500, 190)


@pytest.mark.django_db
def test_totals_below_the_threshold_are_withheld_and_null_in_json() -> None:
    DailyAreaCount.objects.create(day=D1, area="*", views=9, visitors=4)
    DailyAreaCount.objects.create(day=D1, area="/", views=9, visitors=4)
    DailyCountryCount.objects.create(day=D1, country="GB", views=9)

    document = json.loads(
        json.dumps(report_as_json(analytics_report_get(report_range=ReportRange(D1, D1))))
    )

    assert document["totals"] == {"views": None, "visitors": None}
    assert document["areas"] == [{"area": "/", "views": None, "visitors": None}]
    assert document["countries"] == [{"country": "GB", "views": None}]


@pytest.mark.django_db
def test_the_threshold_is_a_setting(settings: Settings) -> None:
    settings.STATS_SUPPRESSION_THRESHOLD = 3
    DailyAreaCount.objects.create(day=D1, area="*", views=9, visitors=4)

    document = report_as_json(analytics_report_get(report_range=ReportRange(D1, D1)))

    assert document["suppression_threshold"] == 3
    assert document["totals"] == {"views": 9, "visitors": 4}


@pytest.mark.django_db
def test_an_empty_range_has_no_rows_and_withheld_totals() -> None:
    document = report_as_json(analytics_report_get(report_range=ReportRange(D1, D3)))

    assert document["totals"] == {"views": None, "visitors": None}
    assert [
        document[key] for key in ("areas", "countries", "browsers", "devices", "referrers")
    ] == [
        [],
        [],
        [],
        [],
        [],
    ]


@pytest.mark.django_db
def test_csv_holds_the_same_figures_with_null_for_withheld_ones() -> None:
    counters_make()
    DailyReferrerCount.objects.create(day=D1, name="=cmd|' /C calc'!A0", views=50)

    rows = list(
        csv.reader(io.StringIO(report_csv(analytics_report_get(report_range=ReportRange(D1, D3)))))
    )

    assert rows[:6] == [
        ["section", "name", "views", "visitors"],
        ["from", "2026-03-28", "", ""],
        ["to", "2026-03-30", "", ""],
        ["timezone", "Europe/London", "", ""],
        ["suppression_threshold", "10", "", ""],
        ["totals", "", "225", "82"],
    ]
    assert ["area", "/apply/", "null", "null"] in rows
    assert ["country", "IE", "10", ""] in rows
    # A spreadsheet formula stays text.
    assert ["referrer", "'=cmd|' /C calc'!A0", "50", ""] in rows
    assert rows[-3:] == [
        ["day", "2026-03-28", "120", "40"],
        ["day", "2026-03-29", "80", "30"],
        ["day", "2026-03-30", "25", "12"],
    ]
