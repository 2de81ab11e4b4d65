"""Remembered browsers skip the code step after the password; policy notices at sign-in."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

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
    sign_in,
    staff_make,
)
from partnership.audit.models import AuditEvent
from partnership.core.access import SESSION_TWO_FACTOR_KEY
from partnership.policy.services import policy_publish

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]

FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0"
COOKIE = remembered_device_cookie_name()


def password_step(client: Client, email: str = "ada.test@example.com") -> Any:
    return client.post("/account/login/", {"email": email, "password": PASSWORD})


def full_sign_in(client: Client, *, remember: bool, email: str = "ada.test@example.com") -> Any:
    assert password_step(client, email)["Location"] == "/account/login/code/"
    form = {"code": code_now(), **({"remember": "on"} if remember else {})}
    return client.post("/account/login/code/", form)


def sign_out(client: Client) -> None:
    assert client.post("/account/logout/").status_code == 302


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


def test_the_privacy_centre_lists_and_forgets_only_ones_own_browsers(
    ada: User, frozen_clock: FrozenClock
) -> None:
    for _ in range(2):
        full_sign_in(Client(HTTP_USER_AGENT=FIREFOX), remember=True)
        frozen_clock.advance(seconds=30)
    bob = customer_make("bob.test@example.com")
    full_sign_in(Client(), remember=True, email="bob.test@example.com")
    bobs = RememberedDevice.objects.get(user=bob)
    client = Client()
    sign_in(client, ada)

    listing = client.get("/account/privacy/devices/").content.decode()
    theirs = client.post("/account/privacy/devices/forget/", {"device": str(bobs.pk)})
    one = client.post(
        "/account/privacy/devices/forget/",
        {"device": str(RememberedDevice.objects.filter(user=ada).first().pk)},  # type: ignore[union-attr]
    )
    remaining = RememberedDevice.objects.filter(user=ada).count()
    every = client.post("/account/privacy/devices/forget/", {"device": "all"})

    assert listing.count("Firefox on Windows</td>") == 2
    assert theirs.status_code == 404
    assert [one.status_code, remaining, every.status_code] == [302, 1, 302]
    assert RememberedDevice.objects.filter(user=ada).count() == 0
    assert RememberedDevice.objects.filter(user=bob).count() == 1
    events = AuditEvent.objects.filter(event="account:remembered-device:revoke")
    assert [(e.reason, e.data) for e in events.order_by("sequence")] == [
        ("one", {"revoked": 1}),
        ("all", {"revoked": 1}),
    ]


# --- the policy notice at sign-in ----------------------------------------------------------
def publish(number_summary: str, effective_from: dt.date) -> Any:
    return policy_publish(
        summary=number_summary,
        body=f"# Policy\n\n{number_summary}\n",
        effective_from=effective_from,
    )


def test_a_new_policy_is_shown_once_after_sign_in(frozen_clock: FrozenClock) -> None:
    publish("First.", dt.date(2026, 1, 1))
    ada = customer_make()  # sees version 1 at enrolment, silently
    assert ada.policy_version_seen == 1
    first_client = Client()
    assert full_sign_in(first_client, remember=False)["Location"] == "/account/"

    publish("We now explain remembered browsers.", dt.date(2026, 11, 1))
    frozen_clock.advance(seconds=30)
    client = Client()
    after_code = full_sign_in(client, remember=False)
    notice = client.get(after_code["Location"])
    onwards = client.post("/account/policy-update/")
    frozen_clock.advance(seconds=30)
    sign_out(client)
    again = full_sign_in(Client(), remember=False)

    assert after_code["Location"] == "/account/policy-update/"
    body = notice.content.decode()
    assert "We now explain remembered browsers." in body
    assert 'href="/privacy/versions/2/"' in body
    assert (onwards.status_code, onwards["Location"]) == (302, "/account/")
    assert again["Location"] == "/account/"
    ada.refresh_from_db()
    assert ada.policy_version_seen == 2
    [event] = AuditEvent.objects.filter(event="account:policy-notice:show")
    assert (event.subject_id, event.data) == (str(ada.pk), {"version": 2})


def test_a_version_not_yet_in_force_is_not_shown(ada: User) -> None:
    publish("Later.", dt.date(2027, 1, 1))

    assert full_sign_in(Client(), remember=False)["Location"] == "/account/"
