"""Passkeys in a real browser: Chromium's virtual authenticator (over CDP) stands in
for a phone or security key. A customer adds a passkey in the privacy centre (with a
code as step-up), signs out, and signs in with password + passkey; with JavaScript off
the second step says passkeys need it and the code still signs in.

WebAuthn refuses an IP address as the relying party, so these pages are opened on
``localhost`` (local mode's relying party id), not on the server's 127.0.0.1 address.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator

import pyotp
import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.e2e.conftest import visitor_headers
from tests.e2e.test_customer_journey import second_demo_customer

pytestmark = pytest.mark.e2e


def fresh_code(secret: str) -> str:
    """A code from a time step no earlier test can have spent (each is accepted once)."""
    totp = pyotp.TOTP(secret)
    time.sleep(totp.interval - time.time() % totp.interval + 0.5)
    return totp.now()


@pytest.fixture
def local_url(base_url: str) -> str:
    return base_url.replace("127.0.0.1", "localhost")


@pytest.fixture
def passkey_page(browser: Browser, local_url: str) -> Iterator[Page]:
    context = browser.new_context(base_url=local_url, extra_http_headers=visitor_headers())
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
            }
        },
    )
    yield page
    context.close()


@pytest.fixture
def no_script_context(browser: Browser, local_url: str) -> Iterator[BrowserContext]:
    context = browser.new_context(
        base_url=local_url, extra_http_headers=visitor_headers(), java_script_enabled=False
    )
    yield context
    context.close()


def password_step(page: Page, email: str, password: str) -> None:
    page.goto("/account/login/")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter your one-time code")


def test_add_a_passkey_then_sign_in_with_it_and_without_javascript_use_the_code(
    passkey_page: Page, no_script_context: BrowserContext
) -> None:
    page = passkey_page
    email, password, secret = second_demo_customer()
    password_step(page, email, password)
    page.get_by_label("One-time code").fill(fresh_code(secret))
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/account/$"))

    page.goto("/account/privacy/passkeys/")
    expect(page.get_by_text("Adding a passkey needs JavaScript")).to_be_hidden()
    page.get_by_label("Name for this passkey").fill("Test laptop")
    page.get_by_label("One-time code").fill(fresh_code(secret))
    page.get_by_role("button", name="Add a passkey", exact=True).click()
    expect(page.get_by_role("status").first).to_have_text(
        "Your passkey is added. You can use it the next time you sign in."
    )
    expect(page.get_by_role("cell", name="Test laptop", exact=True)).to_be_visible()

    page.get_by_role("navigation", name="Main").get_by_role("button", name="Sign out").click()
    password_step(page, email, password)
    page.get_by_role("button", name="Use your passkey").click()
    expect(page).to_have_url(re.compile(r"/account/$"))
    page.goto("/account/privacy/sign-ins/")
    expect(page.get_by_text("Password and passkey").first).to_be_visible()

    plain = no_script_context.new_page()
    password_step(plain, email, password)
    expect(plain.get_by_text("Signing in with a passkey needs JavaScript")).to_be_visible()
    expect(plain.get_by_role("button", name="Use your passkey")).to_be_hidden()
    plain.get_by_label("One-time code").fill(fresh_code(secret))
    plain.get_by_role("button", name="Sign in").click()
    expect(plain).to_have_url(re.compile(r"/account/$"))
