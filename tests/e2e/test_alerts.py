"""Choose alerts and paperless statements, with JavaScript on and off (issue 15).

One sign-in serves both: the JavaScript-off browser is given the signed-in session's
cookies. A TOTP code is accepted once, and other tests sign the same demo customer
in, so the sign-in waits for a fresh 30-second step and the test waits for the next
one before it ends.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.e2e.conftest import visitor_headers
from tests.e2e.test_customer_journey import second_demo_customer, sign_in_with_code

pytestmark = pytest.mark.e2e


def next_totp_step() -> None:
    time.sleep(30 - time.time() % 30 + 0.5)


@pytest.fixture
def two_browsers(browser: Browser, base_url: str) -> Iterator[tuple[Page, Page]]:
    """A signed-in browser with JavaScript and one without, sharing the session."""
    headers = visitor_headers()
    contexts: list[BrowserContext] = []
    try:
        on = browser.new_context(base_url=base_url, extra_http_headers=headers)
        contexts.append(on)
        js_page = on.new_page()
        next_totp_step()
        sign_in_with_code(js_page, *second_demo_customer())
        expect(js_page).to_have_url(re.compile(r"/account/$"))
        off = browser.new_context(
            base_url=base_url, extra_http_headers=headers, java_script_enabled=False
        )
        contexts.append(off)
        off.add_cookies(on.cookies())  # type: ignore[arg-type]
        yield js_page, off.new_page()
    finally:
        for context in contexts:
            context.close()
        next_totp_step()


def test_choose_alerts_and_paperless_with_javascript_on_and_off(
    two_browsers: tuple[Page, Page],
) -> None:
    js_page, plain = two_browsers

    # JavaScript on: from the home page to the alerts, add a text for payments received.
    js_page.get_by_role("link", name="Choose your alerts").click()
    expect(js_page.get_by_role("heading", level=1)).to_have_text("Alerts")
    received = js_page.get_by_role("group", name="Payment received")
    received.get_by_label("By text message").check()
    js_page.get_by_label("Mobile number for text messages").fill("07700 900456")
    js_page.get_by_role("button", name="Save my alerts").click()
    expect(js_page.get_by_role("status")).to_have_text("Your alert choices are saved.")
    expect(received.get_by_label("By text message")).to_be_checked()

    # JavaScript off: a bad amount is refused, with the boxes as they were ticked.
    plain.goto("/account/alerts/")
    expect(
        plain.get_by_role("group", name="Payment received").get_by_label("By text message")
    ).to_be_checked()
    large = plain.get_by_role("group", name="A purchase over an amount you set")
    large.get_by_label("By text message").check()
    plain.get_by_label("A purchase over (pounds)").fill("lots")
    plain.get_by_role("button", name="Save my alerts").click()
    expect(plain.get_by_role("alert")).to_contain_text("Enter an amount in pounds")
    expect(large.get_by_label("By text message")).to_be_checked()
    plain.get_by_label("A purchase over (pounds)").fill("400")
    plain.get_by_role("button", name="Save my alerts").click()
    expect(plain.get_by_role("status")).to_have_text("Your alert choices are saved.")
    expect(plain.get_by_label("A purchase over (pounds)")).to_have_value("400.00")

    # Statements: paper without JavaScript, back to paperless with it.
    plain.get_by_role("link", name="Paper or paperless statements").click()
    expect(plain.get_by_label(re.compile("^Paperless"))).to_be_checked()
    plain.get_by_label(re.compile("^Paper:")).check()
    plain.get_by_role("button", name="Save my choice").click()
    expect(plain.get_by_role("status")).to_have_text("Your statement choice is saved.")
    expect(plain.get_by_label(re.compile("^Paper:"))).to_be_checked()

    js_page.goto("/account/alerts/statements/")
    expect(js_page.get_by_label(re.compile("^Paper:"))).to_be_checked()
    js_page.get_by_label(re.compile("^Paperless")).check()
    js_page.get_by_role("button", name="Save my choice").click()
    expect(js_page.get_by_role("status")).to_have_text("Your statement choice is saved.")
    expect(js_page.get_by_label(re.compile("^Paperless"))).to_be_checked()
