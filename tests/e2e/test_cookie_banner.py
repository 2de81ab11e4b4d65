"""The cookie banner works on every page that shows it (issue 13): pressed with
JavaScript on and off, and with cookies refused, the choice is taken, the visitor stays
on (or comes back to) the page they were on, and what they typed into an application
step is still there. The records themselves: tests/test_banner_on_*.py."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.e2e.conftest import visitor_headers
from tests.e2e.test_customer_journey import second_demo_customer, sign_in_with_code

pytestmark = pytest.mark.e2e

PAGES = [
    "/",
    "/card/",
    "/offers/",
    "/complaints/",
    "/apply/",
    "/account/login/",
    "/account/password-reset/",
]
LABELS = {"granted": "Accept research cookies", "refused": "Reject research cookies"}


@pytest.fixture(params=[True, False], ids=["js", "no-js"])
def js_page(
    request: pytest.FixtureRequest, browser: Browser, base_url: str
) -> Iterator[tuple[Page, bool]]:
    context = browser.new_context(
        base_url=base_url, extra_http_headers=visitor_headers(), java_script_enabled=request.param
    )
    yield context.new_page(), bool(request.param)
    context.close()


def press(page: Page, choice: str, *, js: bool) -> None:
    page.get_by_role("button", name=LABELS[choice]).click()
    if js:
        expect(page.get_by_role("status").filter(has_text="Thank you")).to_be_visible()
    else:
        page.wait_for_load_state()
    expect(page.get_by_role("button", name=LABELS[choice])).to_have_count(0)


@pytest.mark.parametrize("choice", ["granted", "refused"])
@pytest.mark.parametrize("path", PAGES)
def test_the_banner_answers_on_every_page(
    js_page: tuple[Page, bool], path: str, choice: str
) -> None:
    page, js = js_page
    page.goto(path)
    press(page, choice, js=js)
    assert page.url.endswith(path)


@pytest.mark.parametrize("choice", ["granted", "refused"])
def test_typed_answers_survive_the_banner(js_page: tuple[Page, bool], choice: str) -> None:
    page, js = js_page
    page.goto("/apply/")
    page.get_by_role("button", name="Start my application").click()
    page.wait_for_load_state()
    before = page.url
    page.locator("input[type=radio]").nth(0).check()
    press(page, choice, js=js)
    assert page.url == before
    expect(page.locator("input[type=radio]").nth(0)).to_be_checked()


def test_the_banner_answers_with_cookies_refused(cookieless_context: BrowserContext) -> None:
    page = cookieless_context.new_page()
    for path in PAGES:
        page.goto(path)
        press(page, "granted", js=True)
        assert page.url.endswith(path)
    assert cookieless_context.cookies() == []


def test_the_banner_answers_on_a_signed_in_customer_page(js_page: tuple[Page, bool]) -> None:
    page, js = js_page
    email, password, secret = second_demo_customer()
    # A code is accepted once: sign in at the start of a fresh 30-second step, and end
    # in the next one, so no other test's sign-in as this customer shares the code.
    _next_code_step()
    sign_in_with_code(page, email, password, secret)
    try:
        page.goto("/account/")
        expect(page.get_by_role("heading", level=1)).not_to_have_text("Sign in")
        press(page, "granted" if js else "refused", js=js)
        assert page.url.endswith("/account/")
    finally:
        _next_code_step()


def _next_code_step() -> None:
    time.sleep(30 - time.time() % 30 + 0.5)
