"""Card controls in the browser, with JavaScript on and off: freeze and unfreeze,
report the card stolen and see the replacement, then activate the replacement.

Each JavaScript setting signs one demo customer in once (a TOTP code is accepted only
once, so the two settings use the README's two customers) and walks the three
journeys in order: the replacement ordered in the second is activated in the third.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator

import pyotp
import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import visitor_headers
from tests.e2e.test_sign_in import README

pytestmark = pytest.mark.e2e


def demo_customers() -> list[tuple[str, str, str]]:
    rows = []
    for line in README.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip().strip("`") for cell in line.strip().strip("|").split("|")]
        if len(cells) == 4 and cells[0] == "Customer":
            rows.append((cells[1], cells[2], cells[3]))
    assert len(rows) >= 2, "README.md lists at least two demo customers"
    return rows


def sign_in(page: Page, email: str, password: str, secret: str) -> None:
    page.goto("/account/login/")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter your one-time code")
    for _attempt in range(2):
        page.get_by_label("One-time code").fill(pyotp.TOTP(secret).now())
        page.get_by_role("button", name="Sign in").click()
        if not page.url.endswith("/account/login/code/"):
            return
        # Another test spent this window's code a moment ago: wait for the next one.
        time.sleep(30 - time.time() % 30 + 0.5)
    pytest.fail("the one-time code was refused twice")


@pytest.fixture(scope="module", params=[True, False], ids=["javascript-on", "javascript-off"])
def card_page(request: pytest.FixtureRequest, browser: Browser, base_url: str) -> Iterator[Page]:
    javascript: bool = request.param
    context = browser.new_context(
        base_url=base_url, java_script_enabled=javascript, extra_http_headers=visitor_headers()
    )
    page = context.new_page()
    email, password, secret = demo_customers()[0 if javascript else 1]
    sign_in(page, email, password, secret)
    expect(page).to_have_url(re.compile(r"/account/"))
    yield page
    context.close()


def card_panel(page: Page) -> tuple[str, str]:
    """The current card's last four digits and expiry, as the account page shows them."""
    page.goto("/account/card/")
    panel = page.locator("section.card-panel")
    label = panel.locator("[aria-label^='Card ending']").get_attribute("aria-label") or ""
    expiry = panel.locator("dt:text-is('Expires') + dd").inner_text()
    return label.removeprefix("Card ending "), expiry


def test_freeze_and_unfreeze(card_page: Page) -> None:
    page = card_page
    page.goto("/account/card/")
    page.get_by_role("button", name="Freeze my card").click()

    expect(page).to_have_url(re.compile(r"/account/card/$"))
    expect(page.get_by_role("status")).to_contain_text("Your card is frozen.")
    expect(page.locator("table", has_text="Card activity")).to_contain_text("Frozen")

    page.get_by_role("button", name="Unfreeze my card").click()
    expect(page.get_by_role("button", name="Freeze my card")).to_be_visible()
    expect(page.locator("section.card-panel dd", has_text="Active")).to_be_visible()


def test_report_stolen_and_see_the_replacement(card_page: Page) -> None:
    page = card_page
    old_last4, _expiry = card_panel(page)
    page.get_by_role("link", name="Report your card lost or stolen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Report a lost or stolen card")
    expect(page.get_by_text("the most you can be asked to pay is £35")).to_be_visible()

    # Without a choice of what happened: a clear error, the card untouched.
    page.get_by_label("To the address shown").check()
    page.get_by_role("button", name="Block my card and send a new one").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Tell us whether the card was lost or stolen."
    )

    page.get_by_label("It was stolen").check()
    page.get_by_label("To the address shown").check()
    boxes = page.locator("input[name='not_mine']")
    if boxes.count():
        boxes.first.check()
    page.get_by_role("button", name="Block my card and send a new one").click()

    expect(page).to_have_url(re.compile(r"/account/card/replacement/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Your replacement card")
    expect(page.get_by_text("Your new card ends")).to_be_visible()
    expect(page.get_by_role("link", name="Card arrived? Activate it")).to_be_visible()
    new_last4, _expiry = card_panel(page)
    assert new_last4
    assert old_last4
    expect(page.get_by_role("status")).to_contain_text("Your card is not activated yet.")


def test_activate_the_replacement(card_page: Page) -> None:
    page = card_page
    last4, expiry = card_panel(page)
    page.get_by_role("link", name="Card arrived? Activate it").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Activate your card")

    wrong = "0000" if last4 != "0000" else "1111"
    page.get_by_label("Last four digits of the card number").fill(wrong)
    page.get_by_label("Expiry date").fill(expiry)
    page.get_by_role("button", name="Activate my card").click()
    expect(page.get_by_role("alert")).to_contain_text("Those details do not match your new card.")

    page.get_by_label("Last four digits of the card number").fill(last4)
    page.get_by_label("Expiry date").fill(expiry)
    page.get_by_role("button", name="Activate my card").click()
    expect(page).to_have_url(re.compile(r"/account/card/$"))
    expect(page.locator("section.card-panel dd", has_text="Active")).to_be_visible()
    expect(page.get_by_role("button", name="Freeze my card")).to_be_visible()
