"""A visitor complains through the web form, first with a mistake, then successfully."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e


def test_complaint_with_a_mistake_then_sent(page: Page) -> None:
    page.goto("/complaints/")
    page.get_by_label("Your name").fill("Alex Example")
    page.get_by_label("E-mail address").fill("not-an-address")
    page.get_by_label("My card account").check()
    page.get_by_label("What happened").fill("My statement was late.")
    page.get_by_role("button", name="Send my complaint").click()

    summary = page.locator(".error-summary")
    expect(summary).to_contain_text("Enter an e-mail address in the form name@example.com.")
    # What was typed validly is still there.
    expect(page.get_by_label("Your name")).to_have_value("Alex Example")
    expect(page.get_by_label("What happened")).to_have_value("My statement was late.")
    summary.get_by_role("link").first.click()
    expect(page.get_by_label("E-mail address")).to_be_focused()

    page.get_by_label("E-mail address").fill("alex@example.com")
    page.get_by_role("button", name="Send my complaint").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("We have your complaint")
    expect(page.locator("body")).to_contain_text(re.compile(r"CMP-[0-9A-Z]{10}"))
