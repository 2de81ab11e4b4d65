"""Counting visitors with no identifier anywhere (DESIGN P3, P11; issue 6)."""

from __future__ import annotations

import ipaddress
import re
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.db import models
from pytest_django import Settings

from partnership.analytics.models import (
    DailyAreaCount,
    DailyBrowserCount,
    DailyCountryCount,
    DailyDeviceCount,
    DailyReferrerCount,
    HourlyAreaCount,
)
from partnership.analytics.tests.wsgi_support import Visitor, stack
from partnership.core import clock

pytestmark = pytest.mark.django_db

BROWSING = ["/", "/card/", "/help/", "/card/"]
IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1"
)


@pytest.fixture
def site(tmp_path: Path) -> Any:
    return stack(log_dir=tmp_path / "access")


def area_counts() -> dict[str, tuple[int, int]]:
    day = clock.today_in_london()
    return {row.area: (row.views, row.visitors) for row in DailyAreaCount.objects.filter(day=day)}


def test_thirty_visitors_are_counted_and_no_one_without_cookies_or_with_gpc(site: Any) -> None:
    app, buffer = site
    # Given 30 visitors with cookies, 5 with cookies switched off and 5 sending Sec-GPC
    for number in range(30):
        visitor = Visitor(app, address=f"81.2.69.{number + 1}")
        for path in BROWSING:
            visitor.view(path)
    for number in range(5):
        cookieless = Visitor(app, address=f"81.2.69.{100 + number}", accepts_cookies=False)
        for path in BROWSING:
            cookieless.view(path)
    for number in range(5):
        objecting = Visitor(
            app, address=f"2a00:1450:4009::{number + 1}", extra_headers={"Sec-GPC": "1"}
        )
        for path in BROWSING:
            _, beacon = objecting.view(path)
            assert beacon is None
        assert objecting.jar == {}

    # When the buffer is flushed
    assert DailyAreaCount.objects.count() == 0  # nothing written on the request path
    buffer.flush()

    # Then exactly 30 visitors and their 120 views are counted
    assert area_counts() == {
        "*": (120, 30),
        "/": (30, 30),
        "/card/": (60, 30),
        "/help/": (30, 30),
    }
    hourly = {row.area: (row.views, row.visitors) for row in HourlyAreaCount.objects.all()}
    assert hourly == area_counts()  # one hour of traffic
    assert list(DailyCountryCount.objects.values_list("country", "views")) == [("GB", 120)]
    assert list(DailyBrowserCount.objects.values_list("name", "views")) == [("Chrome", 120)]
    assert list(DailyDeviceCount.objects.values_list("name", "views")) == [("desktop", 120)]
    assert DailyReferrerCount.objects.count() == 0


IPV4 = re.compile(r"(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.])")
IPV6 = re.compile(r"(?<![0-9A-Fa-f:])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?![0-9A-Fa-f:])")


def addresses_in(text: str) -> list[str]:
    found = []
    for candidate in IPV4.findall(text) + IPV6.findall(text):
        try:
            ipaddress.ip_address(candidate)
        except ValueError:
            continue
        found.append(candidate)
    return found


def test_no_table_in_the_database_holds_an_ip_address(site: Any) -> None:
    app, buffer = site
    for number in range(5):
        Visitor(app, address=f"81.2.69.{number + 1}").view("/card/")
        Visitor(app, address=f"2a00:1450:4009::{number + 1}").view("/help/")
    buffer.flush()
    assert DailyAreaCount.objects.exists()

    held = []
    for model in apps.get_models():
        text_fields = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, (models.CharField, models.TextField, models.JSONField))
        ]
        rows = model._default_manager.values_list(*text_fields) if text_fields else []
        for row in rows:
            held += [(model.__name__, a) for value in row for a in addresses_in(str(value))]
    assert held == []


def test_the_address_pattern_finds_both_kinds() -> None:
    assert addresses_in("from 81.2.69.160 and 2a00:1450:4009::1 on 2026-11-25 10:00:00") == [
        "81.2.69.160",
        "2a00:1450:4009::1",
    ]


def test_two_visitors_who_saw_the_same_areas_carry_the_same_cookie(site: Any) -> None:
    app, _ = site
    first, second = Visitor(app, address="81.2.69.1"), Visitor(app, address="81.2.69.2")
    for visitor, paths in ((first, ["/", "/card/", "/"]), (second, ["/card/", "/"])):
        for path in paths:
            visitor.view(path)

    assert first.jar == second.jar
    assert first.jar == {"stats": f"{clock.today_in_london().isoformat()}.03"}


def test_the_page_sets_a_fresh_cookie_and_the_beacon_counts_only_when_it_came_back(
    site: Any,
) -> None:
    app, buffer = site
    visitor = Visitor(app)
    page = visitor.get("/card/")
    today = clock.today_in_london().isoformat()
    assert [c.split(";")[0] for c in page.set_cookies()] == [f"stats={today}.00"]
    assert "HttpOnly" in page.set_cookies()[0]
    assert "SameSite=Lax" in page.set_cookies()[0]

    # A beacon without the cookie counts nothing and sets nothing.
    bare = Visitor(app, accepts_cookies=False)
    answer = bare.get("/s/hit", query="a=%2Fcard%2F")
    assert answer.status == 200
    assert answer.set_cookies() == []
    assert buffer.pending() == {}


def test_bots_and_excluded_networks_are_not_counted(site: Any, settings: Settings) -> None:
    settings.STATS_EXCLUDED_NETWORKS = [ipaddress.ip_network("198.51.100.0/24")]
    app, buffer = stack(log_dir=Path(settings.ACCESS_LOG_DIR))
    bot = Visitor(app, user_agent="Mozilla/5.0 (compatible; Googlebot/2.1)")
    office = Visitor(app, address="198.51.100.20")
    for visitor in (bot, office):
        visitor.view("/")
        visitor.view("/card/")
    buffer.flush()

    assert DailyAreaCount.objects.count() == 0


def test_an_unknown_area_is_not_counted(site: Any) -> None:
    app, buffer = site
    visitor = Visitor(app)
    visitor.get("/")
    for area in ("%2Faccount%2F", "%2Fstaff%2F", "%2Fnowhere%2F", ""):
        visitor.get("/s/hit", query=f"a={area}")
    assert buffer.pending() == {}


def test_referrer_country_browser_and_device_are_counted_apart(site: Any) -> None:
    app, buffer = site
    phone = Visitor(app, address="2a00:1450:4009::1", user_agent=IPHONE)
    phone.view("/card/", referer="https://www.search.example/q?card=secret")
    phone.view("/help/", referer="http://testserver/card/")
    buffer.flush()

    assert list(DailyReferrerCount.objects.values_list("name", "views")) == [("search.example", 1)]
    assert list(DailyDeviceCount.objects.values_list("name", "views")) == [("mobile", 2)]
    assert list(DailyBrowserCount.objects.values_list("name", "views")) == [("Mobile Safari", 2)]
    assert list(DailyCountryCount.objects.values_list("country", "views")) == [("IE", 2)]


def test_flushes_add_to_the_stored_counts(site: Any) -> None:
    app, buffer = site
    visitor = Visitor(app)
    visitor.view("/card/")
    buffer.flush()
    visitor.view("/card/")
    Visitor(app, address="81.2.69.9").view("/card/")
    buffer.flush()

    assert area_counts() == {"*": (3, 2), "/card/": (3, 2)}


def test_a_browser_signal_clears_the_statistics_cookie(site: Any) -> None:
    app, buffer = site
    visitor = Visitor(app)
    visitor.view("/card/")
    assert "stats" in visitor.jar
    visitor.extra_headers["DNT"] = "1"
    _, beacon = visitor.view("/help/")

    assert beacon is None
    assert "stats" not in visitor.jar
    assert visitor.get("/s/hit", query="a=%2Fhelp%2F").set_cookies() == []
    assert buffer.pending()[("area", clock.today_in_london(), "*")] == (1, 1)
