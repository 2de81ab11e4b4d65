"""The eligibility check in a real browser, with and without JavaScript and with cookies
switched off: an answer in words, then on to the application with the answers kept."""

from __future__ import annotations

import random
import re

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.e2e.conftest import visitor_headers

pytestmark = pytest.mark.e2e


def fill(page: Page, *, surname: str) -> None:
    page.goto("/apply/check-eligibility/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Check if you're eligible")
    page.get_by_label("First name").fill("Ada")
    page.get_by_label("Last name").fill(surname)
    page.get_by_label("Date of birth").fill("31/02/1985")  # not a real date
    page.get_by_label("Your address (house, street, town)").fill("12 Analytical Row\nLondon")
    page.get_by_label("Postcode").fill("SW1A 1AA")
    page.get_by_label("Employed", exact=True).check()
    page.get_by_label("Yearly income before tax (£)").fill("42,000")
    page.get_by_label("Your share of rent or mortgage each month (£)").fill("900")
    page.get_by_label("Loan and card repayments each month (£)").fill("50")
    page.get_by_label("Total you owe on loans and cards (£), not your mortgage").fill("1200")
    page.get_by_role("button", name="Check my eligibility").click()
    expect(page.locator(".error-summary")).to_contain_text("Enter a real date")
    expect(page.get_by_label("Last name")).to_have_value(surname)  # the rest is kept
    day = random.Random().randrange(1, 28)
    page.get_by_label("Date of birth").fill(f"{day:02d}/06/1980")
    page.get_by_role("button", name="Check my eligibility").click()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_likely_answer_then_apply_with_the_answers(
    browser: Browser, base_url: str, javascript: bool
) -> None:
    context = browser.new_context(
        base_url=base_url, java_script_enabled=javascript, extra_http_headers=visitor_headers()
    )
    page = context.new_page()
    try:
        fill(page, surname="Lovelace")

        answer = page.locator(".eligibility-answer")
        expect(answer.get_by_role("heading")).to_have_text("You are likely to be accepted")
        expect(answer).to_contain_text("credit limit of £3,200 at 24.90% APR")
        expect(answer).to_contain_text("no mark on your credit file")

        page.get_by_role("button", name="Apply with these answers").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Can you apply?")
        page.get_by_role("group", name="Are you 18 or over?").get_by_label("Yes").check()
        page.get_by_role("group", name="Do you live in the UK permanently?").get_by_label(
            "Yes"
        ).check()
        page.get_by_role(
            "group",
            name=re.compile("Are you bankrupt"),
        ).get_by_label("No").check()
        page.get_by_role("button", name="Continue").click()
        expect(page.get_by_label("Last name")).to_have_value("Lovelace")
    finally:
        context.close()


def test_an_unlikely_answer_with_cookies_switched_off(cookieless_context: BrowserContext) -> None:
    page = cookieless_context.new_page()

    fill(page, surname="Decline")

    answer = page.locator(".eligibility-answer")
    expect(answer.get_by_role("heading")).to_have_text("You are unlikely to be accepted")
    expect(answer).to_contain_text("bankruptcy")
    assert cookieless_context.cookies() == []
