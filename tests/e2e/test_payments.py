"""Paying the card on the provider's (sandbox) page, and setting up and cancelling a
Direct Debit — a valid account, one in the wrong format and one that fails only the
modulus check — with JavaScript on and off."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import visitor_headers
from tests.e2e.test_customer_journey import second_demo_customer, sign_in_with_code

pytestmark = pytest.mark.e2e
TOTP_STEP = 30


def next_code_window() -> None:
    """Wait for a new 30-second code: each code is accepted once, by anyone."""
    step = int(time.time()) // TOTP_STEP
    while int(time.time()) // TOTP_STEP == step:
        time.sleep(0.25)


@pytest.fixture(params=["javascript", "no-javascript"])
def customer_page(
    request: pytest.FixtureRequest, browser: Browser, base_url: str
) -> Iterator[Page]:
    context = browser.new_context(
        base_url=base_url,
        java_script_enabled=request.param == "javascript",
        extra_http_headers=visitor_headers(),
    )
    page = context.new_page()
    email, password, secret = second_demo_customer()
    next_code_window()
    sign_in_with_code(page, email, password, secret)
    expect(page).to_have_url(re.compile(r"/account/$"))
    yield page
    context.close()


def test_pay_on_the_providers_page(customer_page: Page) -> None:
    page = customer_page
    page.goto("/account/card/payments/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Make a payment")
    page.get_by_label("Amount to pay (£)").fill("0")
    page.get_by_role("button", name="Continue to the payment page").click()
    expect(page.locator(".error-summary")).to_contain_text("Enter an amount of at least £0.01.")

    page.get_by_label("Amount to pay (£)").fill("1.25")
    page.get_by_role("button", name="Continue to the payment page").click()
    expect(page).to_have_url(re.compile(r"/payments/sandbox/sbx_[\w-]+/$"))
    expect(page.get_by_role("note")).to_contain_text("Demo payment provider")
    expect(page.locator("input[name*=card], input[autocomplete^=cc-]")).to_have_count(0)
    page.get_by_role("button", name="Approve the payment").click()

    expect(page).to_have_url(re.compile(r"/account/card/payments/[0-9a-f-]{36}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Payment received")
    expect(page.get_by_role("status")).to_contain_text("£1.25")
    page.reload()  # the return again posts nothing twice
    page.goto("/account/card/payments/")
    expect(page.locator("table").last).to_contain_text("£1.25")


def _fill_direct_debit(page: Page, *, sort_code: str, account_number: str, code: str) -> None:
    page.get_by_label("Name of the account holder").fill("Rohan Mehta")
    page.get_by_label("Sort code", exact=True).fill(sort_code)
    page.get_by_label("Account number", exact=True).fill(account_number)
    page.get_by_label("The minimum payment").check()
    page.get_by_label(re.compile("I am the account holder")).check()
    page.get_by_label("One-time code").fill(code)


def test_set_up_and_cancel_a_direct_debit(customer_page: Page) -> None:
    import pyotp

    page = customer_page
    secret = second_demo_customer()[2]
    page.goto("/account/card/direct-debit/cancel/")
    if page.get_by_role("button", name="Cancel my Direct Debit").count():
        page.get_by_role("button", name="Cancel my Direct Debit").click()
        expect(page.get_by_role("status")).to_contain_text("Your Direct Debit is cancelled.")
    page.goto("/account/card/direct-debit/")
    expect(page.get_by_role("heading", name="Set up a Direct Debit")).to_be_visible()
    expect(page.get_by_role("heading", name="The Direct Debit Guarantee")).to_be_visible()
    submit = page.get_by_role("button", name="Set up my Direct Debit")

    _fill_direct_debit(page, sort_code="08-99", account_number="66374958", code="123456")
    submit.click()
    expect(page.locator(".error-summary")).to_contain_text(
        "Enter the sort code as 6 digits, for example 40-47-84."
    )
    expect(page.get_by_label("Name of the account holder")).to_have_value("Rohan Mehta")

    _fill_direct_debit(page, sort_code="08-99-99", account_number="66374959", code="123456")
    submit.click()
    expect(page.locator(".error-summary")).to_contain_text(
        "This account number does not match the sort code"
    )

    next_code_window()
    _fill_direct_debit(
        page, sort_code="08 99 99", account_number="66374958", code=pyotp.TOTP(secret).now()
    )
    submit.click()
    expect(page.get_by_role("status")).to_contain_text("Your Direct Debit is set up.")
    expect(page.locator("table").first).to_contain_text("Bank account ending 4958")
    expect(page.locator("body")).not_to_contain_text("66374958")

    page.get_by_role("link", name="Cancel this Direct Debit").click()
    page.get_by_role("button", name="Cancel my Direct Debit").click()
    expect(page.get_by_role("status")).to_contain_text("Your Direct Debit is cancelled.")
    expect(page.get_by_role("heading", name="Set up a Direct Debit")).to_be_visible()
