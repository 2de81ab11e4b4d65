"""Each worker keeps rendered public pages for anonymous visitors (public/page_cache.py).

Browsing goes through the real WSGI stack (the analytics layer sets the statistics
cookie), so a page from the cache is compared with a fresh render byte for byte,
headers included, for every visitor situation the key distinguishes.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.test import Client

from partnership.analytics.tests.wsgi_support import Answer, Visitor, stack
from partnership.consent.state import (
    Choices,
    Method,
    Research,
    Statistics,
    consent_cookie_name,
    stored_consent_new,
)
from partnership.core import clock
from partnership.public import page_cache

pytestmark = pytest.mark.django_db

PAGES = ["/", "/card/", "/help/", "/legal/"]
OUTSIDE = "https://news.example.org/story"


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    # The banner's token and the statistics cookie's Max-Age follow the clock to the
    # second; one instant keeps renders comparable.
    stamp = signing.b62_encode(int(time.time()))
    monkeypatch.setattr(signing.TimestampSigner, "timestamp", lambda self: stamp)
    instant = clock.now()
    monkeypatch.setattr(clock, "now", lambda: instant)
    page_cache.clear()
    application, _ = stack(log_dir=tmp_path / "access")
    return application


@pytest.fixture
def renders(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The template names rendered by the template engine (not served from the cache)."""
    rendered: list[str] = []
    real = page_cache.render  # type: ignore[attr-defined]

    def counting(request: Any, template_name: str, context: Any = None) -> Any:
        rendered.append(template_name)
        return real(request, template_name, context)

    monkeypatch.setattr("partnership.public.page_cache.render", counting)
    return rendered


def consent_cookie(research: Research) -> dict[str, str]:
    stored = stored_consent_new(
        consent_id=uuid.uuid4(),
        choices=Choices(statistics=Statistics.ALLOWED, research=research),
        method=Method.SETTINGS_PAGE,
        signal_present=False,
        at=clock.now(),
    )
    return {consent_cookie_name(): stored.cookie_value()}


def today_stats() -> dict[str, str]:
    return {"stats": f"{clock.today_in_london().isoformat()}.00"}


# Visitors the cache may serve: (cookie jar, extra headers, referring page).
SHAREABLE: dict[str, tuple[Any, dict[str, str], str]] = {
    "new visitor": (dict, {}, ""),
    "counted today": (today_stats, {}, ""),
    "from another site": (dict, {}, OUTSIDE),
    "Sec-GPC": (dict, {"Sec-GPC": "1"}, ""),
    "research refused": (lambda: consent_cookie(Research.REFUSED), {}, ""),
}


def browse(app: Any, situation: str, path: str) -> Answer:
    jar, headers, referer = SHAREABLE[situation]
    return Visitor(app, jar=dict(jar()), extra_headers=dict(headers)).get(path, referer=referer)


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("situation", SHAREABLE)
def test_a_page_from_the_cache_is_the_fresh_render_byte_for_byte(
    app: Any, renders: list[str], situation: str, path: str
) -> None:
    fresh = browse(app, situation, path)
    cached = browse(app, situation, path)

    assert len(renders) == 1  # the second visitor was served the stored page
    assert (cached.status, cached.body) == (fresh.status, fresh.body)
    assert cached.headers == fresh.headers  # the statistics cookie too
    assert len(page_cache._pages) == 1


def test_new_visitors_still_get_the_statistics_cookie_from_a_cached_page(
    app: Any, renders: list[str]
) -> None:
    first, second = Visitor(app), Visitor(app)
    first.get("/card/")
    second.get("/card/")

    assert renders == ["public/card.html"]
    assert second.jar == {"stats": f"{clock.today_in_london().isoformat()}.00"}


def test_different_situations_are_stored_apart(app: Any, renders: list[str]) -> None:
    for situation in SHAREABLE:
        browse(app, situation, "/")

    # "new visitor" and "counted today" differ only in the cookie the layer sets, not in
    # the page; the rest change the banner or the beacon.
    assert len(renders) == 4
    assert len(page_cache._pages) == 4


def signed_in_jar() -> dict[str, str]:
    user = get_user_model().objects.create_user("cache.test@example.com", "long test phrase 1")
    client = Client()
    client.force_login(user)
    return {settings.SESSION_COOKIE_NAME: client.cookies[settings.SESSION_COOKIE_NAME].value}


# Visitors whose page could hold something of theirs: never served, never stored.
PERSONAL: dict[str, Callable[[], dict[str, str]]] = {
    "signed in": signed_in_jar,
    "holds a CSRF cookie": lambda: {settings.CSRF_COOKIE_NAME: "a" * 32},
    "research granted (nonce)": lambda: consent_cookie(Research.GRANTED),
}


@pytest.mark.parametrize("situation", PERSONAL)
def test_a_page_that_could_hold_something_personal_is_never_stored(
    app: Any, renders: list[str], situation: str
) -> None:
    jar = PERSONAL[situation]()
    Visitor(app, jar=dict(jar)).get("/")
    Visitor(app, jar=dict(jar)).get("/")

    assert renders == ["public/home.html", "public/home.html"]
    assert page_cache._pages == {}


def test_a_signed_in_page_never_reaches_an_anonymous_visitor(app: Any, renders: list[str]) -> None:
    anonymous = Visitor(app).get("/").body.decode()
    signed_in = Visitor(app, jar=signed_in_jar()).get("/").body.decode()
    anonymous_again = Visitor(app).get("/").body.decode()

    assert "Sign out" in signed_in
    assert "Sign out" not in anonymous
    assert anonymous_again == anonymous
    assert renders == ["public/home.html", "public/home.html"]


def test_a_stored_page_is_rendered_again_after_its_lifetime(
    app: Any, renders: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    now = [1000.0]
    monkeypatch.setattr("partnership.public.page_cache.monotonic", lambda: now[0])
    Visitor(app).get("/help/")
    now[0] += page_cache.TTL_SECONDS - 1
    Visitor(app).get("/help/")
    now[0] += 2
    Visitor(app).get("/help/")

    assert renders == ["public/help.html", "public/help.html"]


def test_a_changed_setting_empties_the_cache(app: Any, settings: Any) -> None:
    Visitor(app).get("/")
    assert len(page_cache._pages) == 1

    settings.BRAND = {**settings.BRAND, "card_name": "Renamed Card"}

    assert page_cache._pages == {}
    assert "Renamed Card" in Visitor(app).get("/").body.decode()
