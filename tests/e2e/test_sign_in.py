"""Signing in with a password and a TOTP code, as the README's demo people."""

from __future__ import annotations

import re
from pathlib import Path

import pyotp
import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e

README = Path(__file__).resolve().parents[2] / "README.md"


def demo_login(role: str) -> tuple[str, str, str]:
    """(e-mail, password, TOTP secret) of the README table's first row for ``role``."""
    for line in README.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip().strip("`") for cell in line.strip().strip("|").split("|")]
        if len(cells) == 4 and cells[0] == role:
            return cells[1], cells[2], cells[3]
    raise AssertionError(f"no demo login for {role} in README.md")


def sign_in(page: Page, role: str) -> None:
    email, password, secret = demo_login(role)
    page.goto("/account/login/")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter your one-time code")
    page.get_by_label("One-time code").fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Sign in").click()


def test_a_customer_signs_in_with_a_code_and_signs_out(page: Page) -> None:
    sign_in(page, "Customer")

    expect(page).to_have_url(re.compile(r"/account/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Your account")
    expect(page.locator(".session-notice")).to_contain_text("signed out at")

    page.get_by_role("main").get_by_role("button", name="Sign out").click()

    expect(page).to_have_url(re.compile(r"/account/login/\?status=signed-out$"))
    expect(page.locator("body")).to_contain_text("You have signed out.")
    page.goto("/account/")
    expect(page).to_have_url(re.compile(r"/account/login/\?next=/account/$"))


def test_a_member_of_staff_lands_on_the_back_office(page: Page) -> None:
    sign_in(page, "Compliance officer")

    expect(page).to_have_url(re.compile(r"/staff/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Back office")
    expect(page.locator("body")).to_contain_text("Processor register")
