"""The application journey in a real browser: approved, declined and referred, with and
without JavaScript, and once with cookies switched off (DESIGN §2 P5, P10)."""

from __future__ import annotations

import random
import re
import uuid

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.e2e.conftest import visitor_headers

pytestmark = pytest.mark.e2e

HEADINGS = {
    "approved": "Your application is approved",
    "declined": "We cannot offer you the card",
    "referred": "A person will look at your application",
}
SURNAMES = {"approved": "Lovelace", "declined": "Decline", "referred": "Refer"}


def _continue(page: Page) -> None:
    page.get_by_role("button", name="Continue").click()


def apply(page: Page, *, surname: str) -> None:
    page.goto("/card/")
    page.get_by_role("link", name="Apply for the card").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Apply for the card")
    expect(page.locator("body")).to_contain_text("credit reference agency")
    page.get_by_role("button", name="Start my application").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Can you apply?")
    page.get_by_role("group", name="Are you 18 or over?").get_by_label("Yes").check()
    page.get_by_role("group", name="Do you live in the UK permanently?").get_by_label("Yes").check()
    page.get_by_role("group", name=re.compile("Are you bankrupt")).get_by_label("No").check()
    _continue(page)

    page.get_by_label("First name").fill("Ada")
    page.get_by_label("Last name").fill(surname)
    page.get_by_label("Date of birth").fill("31/02/1985")  # not a real date
    _continue(page)
    expect(page.locator(".error-summary")).to_contain_text("Enter a real date")
    expect(page.get_by_label("Last name")).to_have_value(surname)  # the rest is kept
    # A date of birth of its own: the rules refer a 3rd application in 30 days (R04).
    born = random.Random().randrange(1, 28), random.Random().randrange(1950, 1990)
    page.get_by_label("Date of birth").fill(f"{born[0]:02d}/06/{born[1]}")
    _continue(page)

    expect(page.get_by_role("heading", level=1)).to_have_text("Where you have lived")
    page.get_by_label("Current address (house, street, town)").fill("12 Analytical Row\nLondon")
    page.get_by_label("Postcode").first.fill("SW1A 1AA")
    page.get_by_label("Moved in (MM/YYYY)").first.fill("04/2015")
    _continue(page)

    page.get_by_label("Employed", exact=True).check()
    page.get_by_label("Yearly income before tax (£)").fill("42,000")
    _continue(page)
    # Back, then forward again: nothing typed is lost.
    page.get_by_role("button", name=re.compile("^Back to")).click()
    expect(page.get_by_label("Yearly income before tax (£)")).to_have_value("42000.00")
    _continue(page)

    page.get_by_label("I rent").check()
    page.get_by_label("Your share of rent or mortgage each month (£)").fill("900")
    page.get_by_label("Loan and card repayments each month (£)").fill("50")
    page.get_by_label(re.compile("Total you owe")).fill("1200")
    _continue(page)

    page.get_by_label("E-mail address").fill(f"ada.{uuid.uuid4().hex[:8]}@example.org")
    page.get_by_label("Phone number").fill("07700 900123")
    _continue(page)
    # Paper or paperless is a required choice with nothing preselected.
    expect(page.locator(".error-summary")).to_contain_text("Choose paperless or paper statements")
    expect(page.get_by_label("Phone number")).to_have_value("07700 900123")
    page.get_by_label("Paperless: we e-mail you when a statement is ready").check()
    _continue(page)

    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers")
    expect(page.locator("main")).to_contain_text(surname)
    _continue(page)

    expect(page.get_by_role("heading", level=1)).to_have_text("Declarations")
    page.get_by_label(re.compile("I agree to a search")).check()
    page.get_by_label(re.compile("I have read how my information")).check()
    expect(page.locator(".precontract")).to_contain_text("Pre-contract credit information")
    page.get_by_label(re.compile("I have read the pre-contract credit information")).check()
    page.get_by_role("button", name="Send my application").click()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("outcome", ["approved", "declined", "referred"])
def test_an_application_is_decided_with_its_reasons(
    browser: Browser, base_url: str, outcome: str, javascript: bool
) -> None:
    context = browser.new_context(
        base_url=base_url, java_script_enabled=javascript, extra_http_headers=visitor_headers()
    )
    page = context.new_page()
    try:
        apply(page, surname=SURNAMES[outcome])

        expect(page.get_by_role("heading", level=1)).to_have_text(HEADINGS[outcome])
        expect(page.locator("body")).to_contain_text(re.compile(r"APP-[0-9A-Z]{10}"))
        expect(page.locator("body")).to_contain_text("made automatically")
        if outcome == "approved":
            expect(page.locator(".pan")).to_have_text(re.compile(r"^•••• •••• •••• \d{4}$"))
        # A refresh shows the same decision, and makes no second application.
        page.reload()
        expect(page.get_by_role("heading", level=1)).to_have_text(HEADINGS[outcome])

        page.get_by_role("button", name="Ask for a person to review this decision").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("We will review the decision")
    finally:
        context.close()


def test_an_application_completes_with_cookies_switched_off(
    cookieless_context: BrowserContext,
) -> None:
    page = cookieless_context.new_page()

    apply(page, surname="Lovelace")

    expect(page.get_by_role("heading", level=1)).to_have_text(HEADINGS["approved"])
    assert cookieless_context.cookies() == []
