"""/staff/analytics/: who may see it, the chart without script, the form, the CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

import pytest
from django.test import Client

from partnership.accounts.tests.support import sign_in, staff_make
from partnership.analytics.models import DailyAreaCount, DailyCountryCount
from partnership.backoffice import access
from partnership.core import clock

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 10, 31, 12, 0, tzinfo=dt.UTC)


@pytest.fixture
def staff_client(monkeypatch: pytest.MonkeyPatch) -> Client:
    monkeypatch.setattr(clock, "now", lambda: NOW)
    client = Client()
    sign_in(client, staff_make("stats.test@example.com", group=access.MARKETING))
    return client


def counters_make() -> None:
    for n in range(30):
        day = dt.date(2026, 10, 2) + dt.timedelta(days=n)
        DailyAreaCount.objects.create(day=day, area="*", views=100 + n, visitors=40 + n)
        DailyAreaCount.objects.create(day=day, area="/offers/", views=60, visitors=20)
        DailyCountryCount.objects.create(day=day, country="GB", views=100 + n)
    # Withheld: /help/ is below 10, /card/ the next smallest (secondary suppression).
    DailyAreaCount.objects.create(day=dt.date(2026, 10, 31), area="/help/", views=3, visitors=1)
    DailyAreaCount.objects.create(day=dt.date(2026, 10, 31), area="/card/", views=12, visitors=11)


@pytest.mark.parametrize(
    ("group", "status"),
    [
        (access.COMPLIANCE_OFFICER, 200),
        (access.MARKETING, 200),
        (access.ADMINISTRATOR, 200),
        (access.CUSTOMER_SERVICE_AGENT, 403),
    ],
)
def test_only_roles_with_view_analytics_see_statistics(group: str, status: int) -> None:
    client = Client()
    sign_in(client, staff_make("role.test@example.com", group=group))

    assert client.get("/staff/analytics/").status_code == status
    assert client.get("/staff/analytics/csv/").status_code == status


def test_page_draws_the_chart_on_the_server_with_no_script(staff_client: Client) -> None:
    counters_make()

    response = staff_client.get("/staff/analytics/")

    page = response.content.decode()
    assert response.status_code == 200
    assert "no-store" in response.headers["Cache-Control"]
    banner_script = '<script src="/static/js/consent-banner.js" defer></script>'
    assert "<script" not in page.replace(banner_script, "")
    # The chart's own SVG, after the header's brand mark.
    start = page.index('<svg xmlns="http://www.w3.org/2000/svg" role="img"')
    svg = page[start : page.index("</svg>", start)]
    assert 'role="img"' in svg
    assert '<title id="analytics-chart-title">Page views and visitors per day</title>' in svg
    assert "from 2 October 2026 to 31 October 2026" in svg
    assert "Most page views on one day: 129 on 31 October 2026." in svg
    assert len(re.findall(r"<polyline points=", svg)) == 2
    # The table fallback and the top tables.
    assert '<th scope="row">Sat 31 Oct 2026</th><td>129</td><td>69</td>' in page
    assert '<th scope="row">/offers/</th><td>1,800</td><td>600</td>' in page
    assert '<th scope="row">/help/</th><td>fewer than 10</td><td>fewer than 10</td>' in page
    assert '<th scope="row">/card/</th><td>fewer than 10</td><td>fewer than 10</td>' in page
    assert '<th scope="row">GB</th><td>3,435</td>' in page


def test_a_preset_and_a_chosen_range(staff_client: Client) -> None:
    counters_make()

    week = staff_client.get("/staff/analytics/", {"period": "7d"}).content.decode()
    chosen = staff_client.get(
        "/staff/analytics/", {"period": "custom", "start": "2026-10-30", "end": "2026-10-31"}
    ).content.decode()

    assert "<h2>25 October 2026 to 31 October 2026</h2>" in week
    assert "<h2>30 October 2026 to 31 October 2026</h2>" in chosen
    assert "<dt>Page views</dt><dd>257</dd>" in chosen


def test_an_impossible_range_is_refused_with_the_reason(staff_client: Client) -> None:
    response = staff_client.get(
        "/staff/analytics/", {"period": "custom", "start": "2026-10-31", "end": "2026-10-01"}
    )

    assert response.status_code == 400
    assert "The first day must not be after the last day." in response.content.decode()
    assert 'role="img"' not in response.content.decode()  # no chart drawn


def test_csv_export_of_the_chosen_range(staff_client: Client) -> None:
    counters_make()

    response = staff_client.get(
        "/staff/analytics/csv/", {"period": "custom", "start": "2026-10-30", "end": "2026-10-31"}
    )

    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="statistics-2026-10-30-to-2026-10-31.csv"'
    )
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert ["totals", "", "257", "137"] in rows
    assert ["area", "/help/", "null", "null"] in rows
    assert ["area", "/card/", "null", "null"] in rows
    assert rows[-1] == ["day", "2026-10-31", "129", "69"]


def test_staff_home_links_the_statistics(staff_client: Client) -> None:
    assert 'href="/staff/analytics/"' in staff_client.get("/staff/").content.decode()
