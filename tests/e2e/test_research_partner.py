"""The local demo research partner in a real browser (P12): its tag and its CSP source
are absent before opt-in, present from the next page after it (and the tag runs),
gone after withdrawal.

The demo partner is served by the same server under ``localhost`` while the site is
``127.0.0.1``: another origin, which the CSP has to name before the tag may run.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, Response

pytestmark = pytest.mark.e2e

TAG = "/privacy/research-demo/tag.js"


def _partner_origin(base_url: str) -> str:
    return f"http://localhost:{urlsplit(base_url).port}"


def _csp(response: Response | None) -> str:
    assert response is not None
    return response.headers.get("content-security-policy", "")


def _tag_ran(page: Page) -> bool:
    return page.evaluate("document.documentElement.dataset.researchDemo === 'loaded'") is True


def test_research_tag_loads_only_between_opt_in_and_withdrawal(page: Page, base_url: str) -> None:
    partner = _partner_origin(base_url)
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))

    before = page.goto("/card/", wait_until="load")
    # The banner's own script is the site's ('self'); the partner is not named.
    assert partner not in _csp(before)
    assert page.locator(f'script[src$="{TAG}"]').count() == 0
    assert not _tag_ran(page)
    assert not [url for url in requested if url.startswith(partner)]

    # The banner's two buttons are equally prominent: same element, same size.
    accept = page.get_by_role("button", name="Accept research cookies")
    reject = page.get_by_role("button", name="Reject research cookies")
    accept_box, reject_box = accept.bounding_box(), reject.bounding_box()
    assert accept_box is not None
    assert reject_box is not None
    assert abs(accept_box["height"] - reject_box["height"]) < 1
    # With JavaScript the banner answers in place; the tag comes with the next page.
    accept.click()
    page.get_by_role("status").filter(has_text="Thank you").wait_for()
    assert page.locator(f'script[src$="{TAG}"]').count() == 0
    after = page.goto("/card/", wait_until="load")
    assert after is not None
    csp = _csp(after)
    assert page.locator(f'script[src="{partner}{TAG}"]').count() == 1
    # Browsers hide a nonce from the page once parsed: read it from the HTML served.
    served = re.search(rf'<script src="{re.escape(partner + TAG)}" nonce="([^"]+)"', after.text())
    assert served is not None
    assert f"script-src {partner} 'nonce-{served.group(1)}'" in csp
    page.wait_for_function("document.documentElement.dataset.researchDemo === 'loaded'")
    assert urlsplit(page.url).path == "/card/"
    assert page.get_by_role("button", name="Accept research cookies").count() == 0

    page.goto("/privacy/cookies/", wait_until="load")
    page.get_by_label("No research tags").check()
    page.get_by_role("button", name="Save my choices").click()
    page.wait_for_load_state("load")
    requested.clear()
    withdrawn = page.goto("/card/", wait_until="load")
    assert partner not in _csp(withdrawn)
    assert page.locator(f'script[src$="{TAG}"]').count() == 0
    assert not _tag_ran(page)
    assert not [url for url in requested if url.startswith(partner)]
