"""A compliance officer records a breach and sees the ICO clock on the staff home."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.test_sign_in import sign_in

pytestmark = pytest.mark.e2e

LONDON = ZoneInfo("Europe/London")


def test_an_officer_records_a_breach_and_the_clock_shows_on_the_staff_home(page: Page) -> None:
    sign_in(page, "Compliance officer")
    expect(page).to_have_url(re.compile(r"/staff/$"))
    page.get_by_role("link", name="Breach register").click()
    page.get_by_role("link", name="Record a breach").click()

    found = dt.datetime.now(tz=LONDON).replace(second=0, microsecond=0) - dt.timedelta(hours=1)
    occurred = found - dt.timedelta(hours=2)
    page.get_by_label("Title").fill("Statements sent to the wrong addresses")
    page.get_by_label("When it happened (or began)").fill(occurred.strftime("%Y-%m-%d %H:%M"))
    page.get_by_label("When we became aware of it").fill(
        (found + dt.timedelta(days=2)).strftime("%Y-%m-%d %H:%M")
    )
    page.get_by_label("What happened").fill("A print run mixed up 4 envelopes.")
    page.get_by_label("complaints", exact=True).check()
    page.get_by_label("Approximate number of people").fill("4")
    page.get_by_label("Approximate number of records").fill("4")
    page.get_by_label("Likely consequences for the people").fill("Balances seen by others.")
    page.get_by_label("Measures taken or proposed").fill("Envelopes recovered.")
    page.locator("input[name=ico_status][value=undecided]").check()
    page.locator("input[name=people_decision][value=undecided]").check()
    page.get_by_role("button", name="Record the breach").click()

    # A found-at time in the future: refused with its reason, what was typed kept.
    expect(page.get_by_role("alert")).to_contain_text("cannot be in the future")
    expect(page.get_by_label("Title")).to_have_value("Statements sent to the wrong addresses")
    page.get_by_label("When we became aware of it").fill(found.strftime("%Y-%m-%d %H:%M"))
    page.get_by_label("complaints", exact=True).check()
    page.locator("input[name=ico_status][value=undecided]").check()
    page.locator("input[name=people_decision][value=undecided]").check()
    page.get_by_role("button", name="Record the breach").click()

    deadline = (found + dt.timedelta(hours=72)).astimezone(LONDON)
    label = f"{deadline.day} {deadline:%B %Y, %H:%M} {deadline.tzname()}"
    expect(page.get_by_role("heading", level=1)).to_contain_text("Statements sent")
    expect(page.locator("main")).to_contain_text(f"report by {label}")

    page.goto("/staff/")
    expect(page.get_by_role("status").filter(has_text="Breach clocks running")).to_contain_text(
        label
    )
