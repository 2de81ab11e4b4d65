"""The design system in a real browser: the style guide and the new public pages pass
axe-core in the light and the dark scheme, and no public page scrolls sideways at
320 CSS pixels (the reflow that zoom to 400 % needs)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal, cast

import pytest
from playwright.sync_api import Browser, Page

from tests.e2e.test_public_pages import AXE_TAGS, BLOCKING_IMPACTS, NARROW, _describe, _goto

pytestmark = pytest.mark.e2e

# The sitemap's pages (partnership/public/views.py:SITEMAP_PATHS), the style guide and
# the help search with results.
PUBLIC = [
    "/",
    "/card/",
    "/apply/",
    "/offers/",
    "/help/",
    "/help/making-a-payment/",
    "/help/interest-and-fees/",
    "/help/another-format/",
    "/help/search/?q=interest",
    "/accessibility/",
    "/legal/",
    "/complaints/",
    "/privacy/",
    "/privacy/versions/",
    "/privacy/cookies/",
    "/styleguide/",
]
AXE_PAGES = [
    "/styleguide/",
    "/",
    "/card/",
    "/help/",
    "/help/search/?q=interest",
    "/help/search/?q=" + "a" * 101,
    "/help/interest-and-fees/",
    "/accessibility/",
]


def _axe(page: Page, axe_script: Path) -> list[dict[str, Any]]:
    page.add_script_tag(path=axe_script)
    results = cast(
        dict[str, Any],
        page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
        ),
    )
    violations = cast(list[dict[str, Any]], results["violations"])
    return [v for v in violations if v.get("impact") in BLOCKING_IMPACTS]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", AXE_PAGES)
def test_design_pages_pass_axe_in_both_colour_schemes(
    browser: Browser, base_url: str, axe_script: Path, path: str, scheme: str
) -> None:
    colour_scheme = cast(Literal["light", "dark"], scheme)
    context = browser.new_context(base_url=base_url, bypass_csp=True, color_scheme=colour_scheme)
    try:
        page = context.new_page()
        _goto(page, path, 400 if "a" * 101 in path else 200)
        blocking = _axe(page, axe_script)
        assert not blocking, f"axe-core ({scheme}) on {path}:\n" + _describe(blocking)
    finally:
        context.close()


@pytest.mark.parametrize("path", PUBLIC)
def test_no_public_page_scrolls_sideways_at_320px(page: Page, path: str) -> None:
    page.set_viewport_size({"width": NARROW, "height": 640})
    _goto(page, path, 200)

    scroll_width = cast(int, page.evaluate("document.documentElement.scrollWidth"))
    assert scroll_width <= NARROW, f"{path} is {scroll_width} px wide at a {NARROW} px viewport"


def test_card_picture_loads_with_its_alternative_text(page: Page) -> None:
    _goto(page, "/", 200)
    picture = page.get_by_role("img", name="The Harbourline Partnership Card: a deep blue card")

    assert picture.count() == 1
    assert cast(int, picture.evaluate("img => img.naturalWidth")) == 428


def test_styleguide_dark_scheme_uses_the_dark_tokens(browser: Browser, base_url: str) -> None:
    context = browser.new_context(base_url=base_url, color_scheme="dark")
    try:
        page = context.new_page()
        _goto(page, "/styleguide/", 200)
        background = page.evaluate("getComputedStyle(document.body).backgroundColor")
        assert background == "rgb(15, 24, 32)"  # --c-paper in the dark scheme
    finally:
        context.close()
