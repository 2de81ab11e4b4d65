"""A customer's journey: sign in with a TOTP code, browse transactions, open the
privacy centre, download their data, sign out."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pyotp
import pytest
from playwright.sync_api import Page, expect

from tests.e2e.test_sign_in import README

pytestmark = pytest.mark.e2e


def second_demo_customer() -> tuple[str, str, str]:
    """The README's second customer: test_sign_in.py signs the first one in, and a TOTP
    code is accepted once, so two tests in the same 30 seconds must not share a person."""
    rows = []
    for line in README.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip().strip("`") for cell in line.strip().strip("|").split("|")]
        if len(cells) == 4 and cells[0] == "Customer":
            rows.append((cells[1], cells[2], cells[3]))
    assert len(rows) >= 2, "README.md lists at least two demo customers"
    return rows[1]


def sign_in_with_code(page: Page, email: str, password: str, secret: str) -> None:
    page.goto("/account/login/")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter your one-time code")
    page.get_by_label("One-time code").fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Sign in").click()


def test_a_customer_signs_in_browses_downloads_their_data_and_signs_out(
    page: Page, tmp_path: Path
) -> None:
    email, password, secret = second_demo_customer()
    sign_in_with_code(page, email, password, secret)
    expect(page).to_have_url(re.compile(r"/account/$"))

    page.goto("/account/card/transactions/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Transactions")

    page.goto("/account/")
    page.get_by_role("link", name="Your privacy centre").click()
    expect(page).to_have_url(re.compile(r"/account/privacy/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Your privacy centre")

    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download my data").click()
    download = download_info.value
    assert re.fullmatch(r"my-data-\d{4}-\d{2}-\d{2}\.zip", download.suggested_filename)
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    with zipfile.ZipFile(saved) as archive:
        assert "data.json" in archive.namelist()
        data = json.loads(archive.read("data.json"))
    assert [row["email"] for row in data["identity"]] == [email]
    assert data["transactions"]

    page.locator("form.sign-out").get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(re.compile(r"/account/login/\?status=signed-out$"))
    page.goto("/account/privacy/")
    expect(page).to_have_url(re.compile(r"/account/login/\?next=/account/privacy/$"))
