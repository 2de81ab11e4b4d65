"""Guessing floods against the sign-in service (cheap test hasher, simulated addresses):
the customer's usual browser still gets in at the first try, a new browser is slowed
and then let in, other customers are untouched, the flood is reported once."""

from __future__ import annotations

import datetime as dt

import pytest
from django.http import HttpRequest

from partnership.accounts.models import User
from partnership.accounts.services import throttle
from partnership.accounts.services.device_cookies import device_cookie_issue
from partnership.accounts.services.sign_in import (
    Outcome,
    SignInClient,
    sign_in_code_check,
    sign_in_password_check,
)
from partnership.accounts.tests.conftest import FrozenClock
from partnership.accounts.tests.support import PASSWORD, code_now, customer_make
from partnership.audit.models import AuditEvent
from partnership.core import clock
from partnership.core.ratelimit import client_key

pytestmark = pytest.mark.django_db

AGENT = "Mozilla/5.0 (Windows NT 10.0) Gecko/20100101 Firefox/140.0"
WRONG = "wrong password 123"


def browser(address: str, token: str = "") -> SignInClient:
    request = HttpRequest()
    request.META["REMOTE_ADDR"] = address
    return SignInClient(
        key=client_key(request), ip_address=address, user_agent=AGENT, device_token=token
    )


def attacker(n: int) -> SignInClient:
    return browser(f"203.0.{n // 250}.{n % 250 + 1}")


def usual_browser(user: User) -> SignInClient:
    token = device_cookie_issue(user=user, token="", user_agent=AGENT)
    assert token is not None
    return browser("192.0.2.10", token)


def signs_in(email: str, client: SignInClient) -> bool:
    first = sign_in_password_check(email=email, password=PASSWORD, client=client)
    if first.outcome != Outcome.ACCEPTED or first.user is None:
        return False
    second = sign_in_code_check(user=first.user, code=code_now(), client=client)
    return second.outcome == Outcome.ACCEPTED


def test_fifty_addresses_failing_a_thousand_times_leave_the_usual_browser_in(
    frozen_clock: FrozenClock,
) -> None:
    ada = customer_make()
    usual = usual_browser(ada)
    outcomes = {
        sign_in_password_check(
            email=ada.email or "", password=WRONG, client=attacker(n % 50)
        ).outcome
        for n in range(1000)
    }
    assert outcomes == {Outcome.REFUSED, Outcome.LOCKED}

    assert signs_in(ada.email or "", usual)  # at the first try, during the attack


def wait_then_sign_in(email: str, client: SignInClient, frozen_clock: FrozenClock) -> dt.timedelta:
    """Try, and when told to wait, come back at the time the answer gave; how long
    it took. Fails if the browser is never let in."""
    started = clock.now()
    for _ in range(5):
        result = sign_in_password_check(email=email, password=PASSWORD, client=client)
        if result.outcome == Outcome.ACCEPTED and result.user is not None:
            code = sign_in_code_check(user=result.user, code=code_now(), client=client)
            assert code.outcome == Outcome.ACCEPTED
            return clock.now() - started
        assert result.outcome == Outcome.LOCKED
        assert result.retry_at is not None
        frozen_clock.current = result.retry_at
    raise AssertionError("never let in")


def test_a_new_browser_after_the_attack_is_slowed_not_locked_for_ever(
    frozen_clock: FrozenClock,
) -> None:
    ada = customer_make()
    email = ada.email or ""
    for n in range(1000):
        sign_in_password_check(email=email, password=WRONG, client=attacker(n % 50))

    # A new phone on a new address waits for its turn: minutes, not for ever.
    waited = wait_then_sign_in(email, browser("198.51.100.7"), frozen_clock)
    assert dt.timedelta(0) < waited <= throttle.FRESH_WINDOW
    # A new browser on one of the attackers' addresses (the same café): at most the cap.
    frozen_clock.advance(seconds=30)  # a fresh one-time code
    assert wait_then_sign_in(email, attacker(3), frozen_clock) <= throttle.PAIR_CAP


def test_a_new_browser_during_a_sustained_attack_gets_its_turn(
    frozen_clock: FrozenClock,
) -> None:
    ada = customer_make()
    email = ada.email or ""
    for _minute in range(30):  # fifty addresses trying again every minute
        for n in range(50):
            sign_in_password_check(email=email, password=WRONG, client=attacker(n))
        frozen_clock.advance(minutes=1)
    assert throttle.sign_in_gate(
        login_index=ada.login_index, client_key=attacker(0).key, trusted=None
    )
    waited = wait_then_sign_in(email, browser("198.51.100.7"), frozen_clock)
    assert waited <= throttle.FRESH_WINDOW


def test_ten_thousand_failures_from_200_addresses_leave_other_customers_in(
    frozen_clock: FrozenClock,
) -> None:
    targets = [customer_make(f"target{n}@example.com") for n in range(5)]
    bystanders = [customer_make(f"bystander{n}@example.com") for n in range(3)]
    trusted = [usual_browser(user) for user in targets]
    emails = [user.email or "" for user in targets] + [f"guess{n}@example.com" for n in range(95)]

    for n in range(10_000):
        sign_in_password_check(email=emails[n % 100], password=WRONG, client=attacker(n % 200))

    # Flooded: reported once, for the whole flood, never per attempt.
    assert throttle.sign_in_flood_until() is not None
    assert AuditEvent.objects.filter(event="account:sign-in:flood").count() == 1
    assert AuditEvent.objects.filter(event="account:sign-in:throttled").count() <= 200
    # Customers nobody attacked sign in from new addresses; attacked ones from their
    # usual browsers; and an address shared with an attacker does not matter to them.
    for n, user in enumerate(bystanders):
        assert signs_in(user.email or "", browser(f"198.51.100.{n + 1}"))
        frozen_clock.advance(seconds=30)
    for user, client in zip(targets, trusted, strict=True):
        assert signs_in(user.email or "", client)
        frozen_clock.advance(seconds=30)
    shared = browser(attacker(7).ip_address, trusted[0].device_token)
    assert signs_in(targets[0].email or "", shared)


def test_the_flood_notice_is_raised_again_only_after_an_hour(
    frozen_clock: FrozenClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(throttle, "FLOOD_FAILURES", 20)
    for n in range(60):
        sign_in_password_check(email=f"g{n}@example.com", password=WRONG, client=attacker(n))
    frozen_clock.advance(minutes=59)
    for n in range(60):
        sign_in_password_check(email=f"h{n}@example.com", password=WRONG, client=attacker(n + 60))
    assert AuditEvent.objects.filter(event="account:sign-in:flood").count() == 1

    frozen_clock.advance(minutes=2)
    sign_in_password_check(email="late@example.com", password=WRONG, client=attacker(500))
    sign_in_password_check(email="later@example.com", password=WRONG, client=attacker(501))

    assert AuditEvent.objects.filter(event="account:sign-in:flood").count() == 2
    [first, _] = AuditEvent.objects.filter(event="account:sign-in:flood").order_by("pk")
    assert first.data == {"failures": 20, "window_minutes": 5}


def test_failures_from_a_trusted_browser_count_against_its_cookie_only(
    frozen_clock: FrozenClock,
) -> None:
    ada = customer_make()
    usual = usual_browser(ada)
    outcomes = [
        sign_in_password_check(email=ada.email or "", password=WRONG, client=usual).outcome
        for _ in range(throttle.DEVICE_FREE)
    ]
    assert outcomes == [Outcome.REFUSED] * (throttle.DEVICE_FREE - 1) + [Outcome.LOCKED]
    # The cookie waits; an untrusted browser does not, nor does the account.
    assert not signs_in(ada.email or "", usual)
    assert signs_in(ada.email or "", browser("198.51.100.9"))


def test_the_staff_home_shows_the_flood_notice(
    frozen_clock: FrozenClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    from django.test import Client

    from partnership.accounts.tests.support import sign_in, staff_make

    staff = staff_make()
    client = Client()
    sign_in(client, staff)
    assert "A flood of failed sign-ins" not in client.get("/staff/").content.decode()
    monkeypatch.setattr(throttle, "FLOOD_FAILURES", 5)
    for n in range(10):
        sign_in_password_check(email=f"g{n}@example.com", password=WRONG, client=attacker(n))

    body = client.get("/staff/").content.decode()

    assert "A flood of failed sign-ins is under way" in body
    assert "stricter until 10:37" in body  # 10:07 UTC + 30 minutes, London time
