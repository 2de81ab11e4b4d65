"""Layout in a real browser (issue 16): every public page and the main account pages
at 390 and 1280 CSS pixels, in the light and the dark scheme, are screenshot into
var/screenshots/ and fail on sideways scrolling, overlapping text or a control that
takes keyboard focus without a visible focus indicator.

One browser context per width and scheme walks all the pages; the Tab walk, the
slowest check, runs at 1280 px in both schemes and at 390 px in the light one.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from typing import Literal, cast

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.e2e.conftest import REPO, visitor_headers
from tests.e2e.layout import missing_focus_rings, overlapping_text, sideways_scrolling
from tests.e2e.test_card_controls import demo_customers, sign_in
from tests.e2e.test_design import PUBLIC
from tests.e2e.test_public_pages import _goto

pytestmark = pytest.mark.e2e

SCREENSHOTS = REPO / "var" / "screenshots"
ACCOUNT = [
    "/account/",
    "/account/card/",
    "/account/card/transactions/",
    "/account/card/statements/",
    "/account/card/payments/",
    "/account/messages/",
    "/account/privacy/",
]
# (width, scheme, walk the Tab order too)
VIEWS = [
    (390, "light", True),
    (390, "dark", False),
    (1280, "light", True),
    (1280, "dark", True),
]
HEIGHT = 800


def _screenshot_name(path: str, width: int, scheme: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-") or "home"
    return f"{slug[:60]}-{width}-{scheme}.png"


def _check_page(page: Page, path: str, width: int, scheme: str, walk_tabs: bool) -> list[str]:
    """Load one page, screenshot it and return what is wrong with its layout."""
    _goto(page, path, 200)
    page.screenshot(path=SCREENSHOTS / _screenshot_name(path, width, scheme), full_page=True)
    problems = [f"scrolls sideways: {line}" for line in sideways_scrolling(page)]
    problems += [f"overlapping text: {line}" for line in overlapping_text(page)]
    if walk_tabs:
        problems += [f"no focus ring on {label}" for label in missing_focus_rings(page)]
    return [f"{path} at {width} px, {scheme}: {problem}" for problem in problems]


@pytest.fixture(scope="module")
def signed_in(browser: Browser, base_url: str) -> Iterator[BrowserContext]:
    """One customer signed in for the whole module (a TOTP code is good only once)."""
    context = browser.new_context(base_url=base_url, extra_http_headers=visitor_headers())
    page = context.new_page()
    email, password, secret = demo_customers()[0]
    sign_in(page, email, password, secret)
    expect(page).to_have_url(re.compile(r"/account/$"))
    page.close()
    yield context
    context.close()


@pytest.mark.parametrize(("width", "scheme", "walk_tabs"), VIEWS)
def test_public_pages_fit_without_overlap_and_show_focus(
    browser: Browser, base_url: str, width: int, scheme: str, walk_tabs: bool
) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(
        base_url=base_url,
        viewport={"width": width, "height": HEIGHT},
        color_scheme=cast(Literal["light", "dark"], scheme),
        extra_http_headers=visitor_headers(),
    )
    started = time.monotonic()
    try:
        page = context.new_page()
        problems = [p for path in PUBLIC for p in _check_page(page, path, width, scheme, walk_tabs)]
    finally:
        context.close()
    print(f"public pages at {width} px {scheme}: {time.monotonic() - started:.1f} s")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(("width", "scheme", "walk_tabs"), VIEWS)
def test_account_pages_fit_without_overlap_and_show_focus(
    signed_in: BrowserContext, width: int, scheme: str, walk_tabs: bool
) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page = signed_in.new_page()
    page.set_viewport_size({"width": width, "height": HEIGHT})
    page.emulate_media(color_scheme=cast(Literal["light", "dark"], scheme))
    started = time.monotonic()
    try:
        problems = [
            p for path in ACCOUNT for p in _check_page(page, path, width, scheme, walk_tabs)
        ]
    finally:
        page.close()
    print(f"account pages at {width} px {scheme}: {time.monotonic() - started:.1f} s")
    assert not problems, "\n".join(problems)
