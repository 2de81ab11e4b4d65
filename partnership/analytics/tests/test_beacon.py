"""The beacon is answered by the WSGI layer with Django's host check, headers and
cookie rules (DESIGN §4)."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path
from typing import Any

import pytest

from partnership.analytics import cookie as stats_cookie
from partnership.analytics import hits
from partnership.analytics.tests.wsgi_support import Visitor, call, environ_for, stack
from partnership.consent import cookie_check, cookies
from partnership.consent.state import (
    Choices,
    Method,
    Statistics,
    consent_cookie_name,
    stored_consent_new,
)
from partnership.core import clock
from partnership.core.middleware import SECURITY_HEADERS

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(tmp_path: Path) -> Any:
    return stack(log_dir=tmp_path / "access")


def test_the_beacon_refuses_an_unknown_host_with_400(site: Any) -> None:
    app, buffer = site
    today = clock.today_in_london().isoformat()
    answer = call(
        app,
        environ_for(
            "/s/hit",
            query="a=%2F",
            host="evil.example",
            headers={"Cookie": f"stats={today}.00", "User-Agent": "Mozilla/5.0 Firefox/132.0"},
        ),
    )
    assert answer.status == 400
    assert answer.set_cookies() == []
    assert buffer.pending() == {}
    for name, value in SECURITY_HEADERS.items():
        assert answer.header(name) == value


def test_the_beacon_is_an_uncached_gif_with_the_security_headers(site: Any) -> None:
    app, _ = site
    visitor = Visitor(app)
    visitor.get("/")
    answer = visitor.get("/s/hit", query="a=%2F")

    assert answer.status == 200
    assert answer.header("Content-Type") == "image/gif"
    assert answer.body.startswith(b"GIF89a")
    assert answer.header("Cache-Control") == "no-store"
    assert answer.header("X-Content-Type-Options") == "nosniff"
    assert answer.header("X-Frame-Options") == "DENY"
    assert answer.header("Referrer-Policy") == "same-origin"
    for name, value in SECURITY_HEADERS.items():
        assert answer.header(name) == value


def test_the_beacon_answers_only_get_and_head(site: Any) -> None:
    app, _ = site
    assert call(app, environ_for("/s/hit", method="POST")).status == 405
    head = call(app, environ_for("/s/hit", method="HEAD"))
    assert head.status == 200
    assert head.body == b""


def test_a_consent_cookie_that_objects_stops_counting(site: Any) -> None:
    app, buffer = site
    stored = stored_consent_new(
        consent_id=uuid.uuid4(),
        choices=Choices(statistics=Statistics.OBJECTED),
        method=Method.SETTINGS_PAGE,
        signal_present=False,
        at=clock.now(),
    )
    visitor = Visitor(app, jar={consent_cookie_name(): stored.cookie_value()})
    page, beacon = visitor.view("/card/")

    assert beacon is None
    assert page.set_cookies() == []
    visitor.jar["stats"] = f"{clock.today_in_london().isoformat()}.00"
    answer = visitor.get("/s/hit", query="a=%2Fcard%2F")
    assert buffer.pending() == {}
    assert [c.split(";")[0] for c in answer.set_cookies()] == ['stats=""']
    assert "stats" not in visitor.jar


def test_the_statistics_cookie_is_declared_as_statistics() -> None:
    declaration = cookies.first_party_by_name()["stats"]
    assert declaration.category is cookies.CookieCategory.STATISTICS
    assert declaration.party is cookies.CookieParty.FIRST
    assert declaration.lifetime == 24 * 60 * 60


def test_the_cookie_set_by_the_layer_passes_the_registry_check() -> None:
    jar = stats_cookie.morsel_for("2026-11-25.05", max_age=3600)
    assert cookie_check.check_cookies(jar) == []
    assert cookie_check.check_cookies(jar, https=True) != []  # Secure is added only in HTTPS mode


def test_yesterdays_cookie_starts_a_new_day() -> None:
    today = dt.date(2026, 11, 25)
    assert hits.parse("2026-11-24.ff", today=today) == hits.fresh(today)
    assert hits.parse("2026-11-25.05", today=today) == hits.StatsCookie(today, 5)
    for broken in ("", "x", "2026-11-25", "2026-13-01.00", "2026-11-25.zz", None):
        assert hits.parse(broken, today=today) is None


def test_the_cookie_lasts_until_london_midnight() -> None:
    evening = dt.datetime(2026, 11, 25, 23, 0, tzinfo=clock.LONDON)
    summer_evening = dt.datetime(2026, 7, 1, 22, 30, tzinfo=dt.UTC)  # 23:30 in London
    assert hits.seconds_until_london_midnight(evening) == 3600
    assert hits.seconds_until_london_midnight(summer_evening) == 1800


@pytest.fixture
def refusing_registry(monkeypatch: pytest.MonkeyPatch) -> Any:
    refusal = cookie_check.CookieViolation("stats", "refused by this test")
    monkeypatch.setattr(cookie_check, "check_cookies", lambda jar: [refusal])
    stats_cookie._checked.cache_clear()  # headers are checked once per distinct value
    yield
    stats_cookie._checked.cache_clear()


@pytest.mark.usefixtures("refusing_registry")
def test_a_statistics_cookie_the_registry_refuses_is_dropped_and_logged(
    settings: Any, caplog: pytest.LogCaptureFixture
) -> None:
    settings.COOKIE_REGISTRY_STRICT = False

    assert stats_cookie.set_cookie("2026-11-25.01", max_age=60) == []
    assert "dropped the statistics cookie: stats: refused by this test" in caplog.text


@pytest.mark.usefixtures("refusing_registry")
def test_a_statistics_cookie_the_registry_refuses_fails_loudly_in_strict_mode(
    settings: Any,
) -> None:
    settings.COOKIE_REGISTRY_STRICT = True

    with pytest.raises(stats_cookie.CookieRulesError, match="stats: refused by this test"):
        stats_cookie.set_cookie("2026-11-25.01", max_age=60)
