"""An agent closes a customer's transaction dispute, and the customer sees the outcome.

``seed_demo`` gives each of the README's two customers one open dispute (the last
purchase before their card was lost). The whole browser suite shares one server and
database, so each close takes its own customer: upheld with JavaScript on for the
first, rejected with JavaScript off for the second. The refused note comes first in
this file and closes nothing, so it finds an open dispute whichever customer it takes;
run alone, any of the three finds the freshly seeded disputes open.

Other files may already have given the agent a grant for a customer (it lasts 30
minutes) or added disputes (reporting a card stolen), so the agent finds the dispute by
its customer's reference, and states a reason only when the site asks for one.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.e2e.conftest import visitor_headers
from tests.e2e.test_card_controls import demo_customers, sign_in
from tests.e2e.test_sign_in import demo_login

pytestmark = pytest.mark.e2e

SITE_NAME = "Harbourline Partnership Card"
AGENT_NAME = "Sam Okafor"  # the seeded agent (partnership/accounts/demo.py)
UPHOLD = "Uphold: refund the amount to the customer's account"
REJECT = "Reject: the transaction stands"
DISPUTES_CAPTION = "Transactions you told us were not yours"
REFUND_PREFIX = "Refund of disputed transaction: "
CARD_NUMBER_REFUSED = (
    "The note had 12 or more digits in a row, which could be a card or account number, "
    "so it was not kept: write it again without them."
)


def today_in_london() -> dt.date:
    return dt.datetime.now(ZoneInfo("Europe/London")).date()


def long_date(day: dt.date) -> str:
    """Django's ``j F Y``: 7 December 2026."""
    return f"{day.day} {day:%B %Y}"


def short_date(day: dt.date) -> str:
    """Django's ``j M Y``: 7 Dec 2026."""
    return f"{day.day} {day:%b %Y}"


def new_context(browser: Browser, base_url: str, *, javascript: bool) -> BrowserContext:
    return browser.new_context(
        base_url=base_url, java_script_enabled=javascript, extra_http_headers=visitor_headers()
    )


@pytest.fixture
def agent_context(browser: Browser, base_url: str) -> Iterator[BrowserContext]:
    """The demo agent, signed in with JavaScript on."""
    context = new_context(browser, base_url, javascript=True)
    sign_in(context.new_page(), *demo_login("Customer service agent"))
    yield context
    context.close()


def detail(page: Page, term: str) -> str:
    return page.locator(f"main dt:text-is('{term}') + dd").inner_text()


def customer_reference(page: Page, email: str) -> str:
    """The agent looks the customer up by e-mail: the customer's page, reason or not."""
    page.goto("/staff/customers/")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_role("button", name="Find").click()
    expect(page).to_have_url(re.compile(r"/staff/customers/[0-9a-f-]{36}/$"))
    return page.url.rstrip("/").rsplit("/", 1)[1]


def open_dispute_of(page: Page, email: str) -> str:
    """From the queue, the customer's open dispute; its path. A reason is stated on the
    customer's page when the dispute asks for one, as that page tells the agent."""
    customer_id = customer_reference(page, email)
    page.goto("/staff/")
    page.get_by_role("link", name="Disputed transactions").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Disputed transactions")
    rows = page.locator("main tbody tr").filter(has=page.locator("td:nth-child(3):text-is('Open')"))
    paths = [
        rows.nth(i).get_by_role("link").get_attribute("href") or "" for i in range(rows.count())
    ]
    for path in paths:
        page.goto(path)
        link = page.locator(f"main a[href='/staff/customers/{customer_id}/']")
        if link.count():
            break
    else:
        pytest.fail(f"no open dispute for {email} in the queue {paths}")
    if page.get_by_role("heading", level=1).inner_text() == "A reason is needed first":
        link.click()
        page.get_by_label("Why do you need to see it?").select_option("fraud_check")
        page.get_by_label("In a sentence").fill("Deciding the purchase they disputed.")
        page.get_by_role("button", name="Open the customer's details").click()
        expect(page.locator("main")).to_contain_text("Open for: Checking for fraud")
        page.goto(path)
    expect(page.get_by_role("heading", level=1)).to_have_text("Disputed transaction")
    assert detail(page, "Status") == "Open"
    return path


def close_dispute(page: Page, *, outcome: str, note: str) -> int:
    """Submit the close form; the status of the POST's answer."""
    page.get_by_label(outcome).check()
    page.get_by_label("Outcome note").fill(note)
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        page.get_by_role("button", name="Close the dispute").click()
    return answer.value.status


def queue_row(page: Page, path: str) -> tuple[list[str], list[str]]:
    """The dispute's cells in the queue, and the statuses of the rows from it on."""
    page.goto("/staff/disputes/")
    reference = path.strip("/").rsplit("/", 1)[1][:8]
    rows = page.locator("main tbody tr")
    references = rows.locator("td:nth-child(1)").all_inner_texts()
    index = references.index(reference)
    statuses = rows.locator("td:nth-child(3)").all_inner_texts()
    return rows.nth(index).locator("td").all_inner_texts(), statuses[index:]


def customer_outcome(page: Page, *, posted_on: str, description: str, amount: str) -> str:
    """The outcome the customer's card page shows for that disputed purchase."""
    table = page.locator("table").filter(has=page.locator(f"caption:text-is('{DISPUTES_CAPTION}')"))
    rows = table.locator("tbody tr")
    wanted = [posted_on, description, amount]
    outcomes = [
        cells[3]
        for cells in (rows.nth(i).locator("td").all_inner_texts() for i in range(rows.count()))
        if cells[:3] == wanted
    ]
    assert len(outcomes) == 1, f"{wanted} appears {len(outcomes)} times on the card page"
    return outcomes[0]


def refunds(page: Page, description: str) -> list[list[str]]:
    """The customer's transactions (date, description, category, out, in) refunding it."""
    page.goto("/account/card/transactions/")
    page.get_by_label("Description contains").fill("Refund of disputed")
    page.get_by_role("button", name="Show transactions").click()
    rows = page.locator("main tbody tr")
    found = [
        [rows.nth(i).locator("td, th").nth(j).inner_text() for j in range(5)]
        for i in range(rows.count())
    ]
    return [row for row in found if row[1] == REFUND_PREFIX + description]


def test_a_note_with_a_card_number_is_refused_and_the_agent_keeps_their_choice(
    agent_context: BrowserContext,
) -> None:
    page = agent_context.new_page()
    path = open_dispute_of(page, demo_customers()[0][0])

    note = "Customer read out 4111111111111111 on the phone."
    status = close_dispute(page, outcome=REJECT, note=note)

    assert status == 400
    expect(page).to_have_url(re.compile(re.escape(path) + "$"))
    expect(page).to_have_title(f"Error: Disputed transaction – Back office – {SITE_NAME}")
    expect(page.get_by_role("alert").locator("li")).to_have_text(
        [f"Outcome note: {CARD_NUMBER_REFUSED}"]
    )
    expect(page.locator("main p.field-error")).to_have_text(f"Error: {CARD_NUMBER_REFUSED}")
    expect(page.get_by_label(REJECT)).to_be_checked()
    expect(page.get_by_label(UPHOLD)).not_to_be_checked()
    # A card number is never sent back to the browser: the note box comes back empty.
    expect(page.get_by_label("Outcome note")).to_have_value("")
    assert "4111" not in page.content()
    page.goto(path)
    assert detail(page, "Status") == "Open"
    expect(page.get_by_role("button", name="Close the dispute")).to_be_visible()


def test_an_agent_upholds_a_dispute_and_the_customer_sees_the_refund(
    browser: Browser, base_url: str, agent_context: BrowserContext
) -> None:
    email, password, secret = demo_customers()[0]
    page = agent_context.new_page()
    path = open_dispute_of(page, email)
    posted_on, description, amount = (
        detail(page, term) for term in ("Transaction date", "Description", "Amount")
    )
    assert re.fullmatch(r"£[0-9,]+\.[0-9]{2}", amount), amount
    # A second tab holds the close form as it was before the dispute was decided.
    stale = agent_context.new_page()
    stale.goto(path)

    status = close_dispute(page, outcome=UPHOLD, note="Card was already reported lost.")

    today = today_in_london()
    assert status == 302  # and on to the dispute's page
    expect(page).to_have_url(re.compile(re.escape(path) + "$"))
    assert detail(page, "Status") == "Upheld: refunded"
    assert detail(page, "Decided") == f"{long_date(today)} by {AGENT_NAME}"
    assert detail(page, "Credited") == long_date(today)
    assert detail(page, "Outcome note") == "Card was already reported lost."
    expect(page.get_by_role("button", name="Close the dispute")).to_have_count(0)
    cells, statuses_from_it = queue_row(page, path)
    assert cells[2:] == ["Upheld: refunded", short_date(today)]
    assert "Open" not in statuses_from_it  # listed after every open dispute

    assert close_dispute(stale, outcome=REJECT, note="Second thoughts.") == 409
    expect(stale.get_by_role("alert").locator("li")).to_have_text(
        ["This dispute is already closed."]
    )
    assert detail(stale, "Status") == "Upheld: refunded"
    assert detail(stale, "Outcome note") == "Card was already reported lost."

    customer = new_context(browser, base_url, javascript=True)
    try:
        shopper = customer.new_page()
        sign_in(shopper, email, password, secret)
        shopper.goto("/account/card/")
        outcome = customer_outcome(
            shopper, posted_on=posted_on, description=description, amount=amount
        )
        assert outcome == f"Refunded: we credited it back to your account on {long_date(today)}"
        [refund] = refunds(shopper, description)
        assert refund[0] == short_date(today)
        assert refund[3:] == ["", amount]
    finally:
        customer.close()


def test_with_javascript_off_an_agent_rejects_a_dispute_and_the_customer_sees_why(
    browser: Browser, base_url: str
) -> None:
    email, password, secret = demo_customers()[1]
    agent = new_context(browser, base_url, javascript=False)
    customer = new_context(browser, base_url, javascript=False)
    try:
        page = agent.new_page()
        sign_in(page, *demo_login("Customer service agent"))
        path = open_dispute_of(page, email)
        posted_on, description, amount = (
            detail(page, term) for term in ("Transaction date", "Description", "Amount")
        )

        status = close_dispute(page, outcome=REJECT, note="Chip and PIN, before the loss.")

        today = today_in_london()
        assert status == 302
        assert detail(page, "Status") == "Rejected"
        assert detail(page, "Decided") == f"{long_date(today)} by {AGENT_NAME}"
        expect(page.locator("main dt", has_text="Credited")).to_have_count(0)
        assert detail(page, "Outcome note") == "Chip and PIN, before the loss."
        expect(page.get_by_role("button", name="Close the dispute")).to_have_count(0)
        cells, statuses_from_it = queue_row(page, path)
        assert cells[2:] == ["Rejected", short_date(today)]
        assert "Open" not in statuses_from_it

        shopper = customer.new_page()
        sign_in(shopper, email, password, secret)
        shopper.goto("/account/card/lost/")
        outcome = customer_outcome(
            shopper, posted_on=posted_on, description=description, amount=amount
        )
        assert outcome == (
            f"Not refunded (decided {long_date(today)}): we found the transaction was made "
            "with your card details"
        )
        assert refunds(shopper, description) == []
    finally:
        agent.close()
        customer.close()
