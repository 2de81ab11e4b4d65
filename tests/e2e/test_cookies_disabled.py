"""With cookies switched off the site still works (DESIGN §2 P10): public pages, the offers
gate (the offers are the answer to its POST), the complaints form and the cookie settings
page. At the end the browser holds no cookie at all."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import BrowserContext, Page, expect

pytestmark = pytest.mark.e2e

PUBLIC = ["/", "/card/", "/help/", "/legal/", "/privacy/", "/privacy/versions/", "/offers/"]


@pytest.fixture
def page(cookieless_context: BrowserContext) -> Page:
    return cookieless_context.new_page()


def test_the_site_works_with_cookies_switched_off(
    page: Page, cookieless_context: BrowserContext
) -> None:
    # The browser really refuses cookies: it stores none the site sets.
    page.goto("/complaints/")
    assert cookieless_context.cookies() == []

    for path in PUBLIC:
        response = page.goto(path)
        assert response is not None
        assert response.status == 200, path
        expect(page.get_by_role("heading", level=1)).to_be_visible()

    # Special offers: wrong digits get a message; the right ones show the offers at once.
    page.goto("/offers/")
    expect(page.get_by_text("Double points on the weekly shop")).to_be_visible()
    expect(page.get_by_text("No need to register")).to_have_count(0)
    page.get_by_label("First 6 digits of your card number").fill("４１２３４５")
    page.get_by_role("button", name="Show the full offers").click()
    expect(page.locator(".error-summary")).to_contain_text("Digits from other scripts")
    page.get_by_label("First 6 digits of your card number").fill("412345")
    page.get_by_role("button", name="Show the full offers").click()
    expect(page.get_by_text("No need to register")).to_be_visible()
    expect(page.get_by_text("Your browser keeps no cookies from us")).to_be_visible()
    assert page.url.endswith("/offers/")
    assert "412345" not in page.content()

    # The complaints form sends, and says its reference.
    page.goto("/complaints/")
    page.get_by_label("Your name").fill("Alex Example")
    page.get_by_label("E-mail address").fill("alex@example.com")
    page.get_by_label("My card account").check()
    page.get_by_label("What happened").fill("I could not see the offers.")
    page.get_by_role("button", name="Send my complaint").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("We have your complaint")
    expect(page.locator("body")).to_contain_text(re.compile(r"CMP-[0-9A-Z]{10}"))

    # The cookie settings page (built by the cookies-and-consent work) loads and saves.
    response = page.goto("/privacy/cookies/")
    assert response is not None
    assert response.status == 200
    expect(page.get_by_role("heading", level=1)).to_have_text("Cookie settings")
    page.get_by_role("button", name="Save my choices").click()
    expect(page.locator("body")).not_to_contain_text("You cannot do that here")

    assert cookieless_context.cookies() == []
