"""Remembered browsers skip the code step after the password; policy notices at sign-in."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test import Client

from partnership.accounts.models import RememberedDevice, SignInEvent, User
from partnership.accounts.services.devices import remembered_device_cookie_name
from partnership.accounts.tests.conftest import FrozenClock
from partnership.accounts.tests.support import (
    PASSWORD,
    code_now,
    customer_make,
    full_sign_in,
    password_step,
    sign_out,
    staff_make,
)
from partnership.audit.models import AuditEvent
from partnership.core.access import SESSION_TWO_FACTOR_KEY

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]

FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0"
COOKIE = remembered_device_cookie_name()


@pytest.fixture
def ada() -> User:
    return customer_make()


@pytest.fixture
def browser() -> Client:
    return Client(HTTP_USER_AGENT=FIREFOX)


def test_a_remembered_browser_skips_the_code_after_the_password(
    ada: User, browser: Client, frozen_clock: FrozenClock
) -> None:
    first = full_sign_in(browser, remember=True)
    token = first.cookies[COOKIE].value
    sign_out(browser)  # signing out does not forget the browser
    frozen_clock.advance(days=3)

    second = password_step(browser)

    assert (second.status_code, second["Location"]) == (302, "/account/")
    assert browser.session[SESSION_TWO_FACTOR_KEY]
    assert browser.get("/account/").status_code == 200
    [device] = RememberedDevice.objects.filter(user=ada)
    assert device.label == "Firefox on Windows"
    assert device.last_used_at == device.created_at + dt.timedelta(days=3)
    assert device.expires_at == device.created_at + dt.timedelta(days=30)
    assert [e.factor for e in SignInEvent.objects.filter(user=ada, outcome="success")] == [
        "remembered_device",
        "totp",
    ]
    # The cookie: a random token only, strictly set.
    morsel = first.cookies[COOKIE]
    assert re.fullmatch(r"[A-Za-z0-9_-]{43}", token)
    assert str(ada.pk) not in token
    assert ada.pk.hex not in token
    assert (morsel["httponly"], morsel["samesite"], morsel["path"], morsel["max-age"]) == (
        True,
        "Strict",
        "/",
        2592000,
    )


def test_the_database_holds_no_raw_token(ada: User, browser: Client) -> None:
    token = full_sign_in(browser, remember=True).cookies[COOKIE].value

    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM accounts_remembereddevice")
        rows = cursor.fetchall()

    assert len(rows) == 1
    assert token not in repr(rows)
    assert "Firefox" not in repr(rows)  # the label is encrypted too


def test_without_the_tick_nothing_is_remembered(ada: User, browser: Client) -> None:
    response = full_sign_in(browser, remember=False)

    assert COOKIE not in response.cookies
    assert RememberedDevice.objects.count() == 0


@pytest.mark.parametrize("how", ["expired", "revoked", "forged", "another customer's"])
def test_an_unusable_token_still_asks_for_the_code(
    ada: User, browser: Client, frozen_clock: FrozenClock, how: str
) -> None:
    full_sign_in(browser, remember=True)
    sign_out(browser)
    if how == "expired":
        frozen_clock.advance(days=30, seconds=1)
    elif how == "revoked":
        RememberedDevice.objects.filter(user=ada).delete()
    elif how == "forged":
        browser.cookies[COOKIE] = "A" * 43
    else:
        bob_browser = Client()
        customer_make("bob.test@example.com")
        frozen_clock.advance(seconds=30)
        full_sign_in(bob_browser, remember=True, email="bob.test@example.com")
        browser.cookies[COOKIE] = bob_browser.cookies[COOKIE].value

    response = password_step(browser)

    assert (response.status_code, response["Location"]) == (302, "/account/login/code/")
    assert SESSION_TWO_FACTOR_KEY not in browser.session
    refused = AuditEvent.objects.filter(event="account:remembered-device:refuse")
    assert [e.reason for e in refused] == [
        {
            "expired": "expired",
            "revoked": "unknown",
            "forged": "unknown",
            "another customer's": "other_person",
        }[how]
    ]


def test_staff_are_never_offered_to_be_remembered() -> None:
    staff_make()
    client = Client()
    client.post("/account/login/", {"email": "staff.test@example.com", "password": PASSWORD})

    page = client.get("/account/login/code/").content.decode()
    response = client.post("/account/login/code/", {"code": code_now(), "remember": "on"})

    assert "Remember this browser" not in page
    assert response.status_code == 302
    assert COOKIE not in response.cookies
    assert RememberedDevice.objects.count() == 0
