"""A customer service agent's whole flow: find a customer by exact e-mail, give a
reason, see their data, record a call, sign out."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.test_sign_in import demo_login, sign_in

pytestmark = pytest.mark.e2e


def test_an_agent_finds_a_customer_gives_a_reason_records_a_call_and_signs_out(
    page: Page,
) -> None:
    customer_email, _, _ = demo_login("Customer")
    sign_in(page, "Customer service agent")
    expect(page).to_have_url(re.compile(r"/staff/$"))

    page.get_by_role("link", name="Customers").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Find a customer")
    page.get_by_label("E-mail address").fill(customer_email)
    page.get_by_role("button", name="Find").click()

    # Found, but nothing shown until a reason is given.
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Why do you need this customer's data?"
    )
    expect(page.locator("body")).not_to_contain_text(customer_email)
    page.get_by_label("Why do you need to see it?").select_option("customer_call")
    page.get_by_label("In a sentence").fill("Customer called about their statement.")
    page.get_by_role("button", name="Open the customer's details").click()

    expect(page.locator("main")).to_contain_text(customer_email)
    expect(page.locator("main")).to_contain_text("Open for: You contacted us")

    page.get_by_role("link", name="Record a call").click()
    page.get_by_label("Direction").select_option("in")
    page.get_by_label("What the call was about").select_option("account_question")
    page.get_by_label("Notes").fill("Explained the statement date.")
    page.get_by_role("button", name="Save the call").click()

    expect(page.get_by_role("status")).to_have_text("Call recorded.")
    expect(page.locator("main")).to_contain_text("Explained the statement date.")

    page.get_by_role("button", name="Sign out").first.click()
    expect(page).to_have_url(re.compile(r"/account/login/\?status=signed-out$"))
    page.goto("/staff/customers/")
    expect(page).to_have_url(re.compile(r"/account/login/\?next=/staff/customers/$"))
