"""Back-off after failures, over HTTP: the 429 page says when, a trusted browser is
never refused for others' failures, the per-client limit across accounts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from partnership.accounts.services.device_cookies import device_cookie_name
from partnership.accounts.tests.conftest import FrozenClock
from partnership.accounts.tests.support import PASSWORD, code_now, customer_make
from partnership.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

EMAIL = "ada.test@example.com"
WRONG = "wrong password 123"


def attempt(email: str, password: str, *, address: str = "192.0.2.10") -> int:
    client = Client(REMOTE_ADDR=address)
    return client.post("/account/login/", {"email": email, "password": password}).status_code


@pytest.mark.parametrize("email", [EMAIL, "nobody@example.com"])
def test_five_failures_back_off_for_a_minute_then_twice_as_long(
    frozen_clock: FrozenClock, email: str
) -> None:
    customer_make()

    statuses = [attempt(email, WRONG) for _ in range(5)]
    waiting = attempt(email, PASSWORD)

    # The fifth failure starts the back-off; then even the right password waits.
    assert statuses == [400, 400, 400, 400, 429]
    assert waiting == 429
    [lockout] = AuditEvent.objects.filter(event="account:sign-in:lockout")
    assert lockout.data == {"seconds": 60}
    frozen_clock.advance(seconds=59)
    assert attempt(email, PASSWORD) == 429
    frozen_clock.advance(seconds=1)
    assert attempt(email, WRONG) == 429  # the sixth failure: two minutes
    assert AuditEvent.objects.filter(event="account:sign-in:lockout").last().data == {  # type: ignore[union-attr]
        "seconds": 120
    }
    frozen_clock.advance(minutes=2)
    # A wrong one (no account uses the address) backs off again: four minutes.
    assert attempt(email, PASSWORD) == (302 if email == EMAIL else 429)


def test_the_wait_page_says_when_and_offers_the_reset(frozen_clock: FrozenClock) -> None:
    customer_make()
    for _ in range(5):
        attempt(EMAIL, WRONG)

    response = Client(REMOTE_ADDR="192.0.2.10").post(
        "/account/login/", {"email": EMAIL, "password": PASSWORD}
    )

    body = response.content.decode()
    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    # 10:08:10 UTC on 25 November is 10:08 in London.
    assert "You can try again from <strong><time" in body
    assert ">10:08</time>" in body
    assert 'href="/account/password-reset/"' in body
    assert EMAIL not in body


def test_wrong_codes_count_towards_the_same_backoff(frozen_clock: FrozenClock) -> None:
    customer_make()
    client = Client(REMOTE_ADDR="192.0.2.10")
    client.post("/account/login/", {"email": EMAIL, "password": PASSWORD})

    statuses = [
        client.post("/account/login/code/", {"code": "000000"}).status_code for _ in range(5)
    ]

    assert statuses == [400, 400, 400, 400, 429]
    # The half-signed-in state is gone too.
    assert client.post("/account/login/code/", {"code": code_now()}).status_code == 302
    assert attempt(EMAIL, PASSWORD) == 429


def test_one_client_failing_across_many_accounts_is_stopped(frozen_clock: FrozenClock) -> None:
    customer_make()
    statuses = [attempt(f"person{n}@example.com", WRONG) for n in range(20)]

    from_same_client = attempt(EMAIL, PASSWORD)
    from_another_client = attempt(EMAIL, PASSWORD, address="198.51.100.7")

    assert statuses == [400] * 20
    assert from_same_client == 429
    assert from_another_client == 302
    assert AuditEvent.objects.filter(event="account:sign-in:throttled").count() == 1

    frozen_clock.advance(minutes=20)
    assert attempt(EMAIL, PASSWORD) == 302


def test_a_success_forgets_this_browsers_failures(frozen_clock: FrozenClock) -> None:
    customer_make()
    for _ in range(4):
        attempt(EMAIL, WRONG)
    client = Client(REMOTE_ADDR="192.0.2.10")
    client.post("/account/login/", {"email": EMAIL, "password": PASSWORD})
    client.post("/account/login/code/", {"code": code_now()})

    assert [attempt(EMAIL, WRONG) for _ in range(4)] == [400] * 4


def test_a_browser_with_a_device_cookie_is_not_refused_for_others_failures(
    frozen_clock: FrozenClock,
) -> None:
    customer_make()
    usual = Client(REMOTE_ADDR="192.0.2.10")
    usual.post("/account/login/", {"email": EMAIL, "password": PASSWORD})
    usual.post("/account/login/code/", {"code": code_now()})
    assert usual.cookies[device_cookie_name()].value
    usual.post("/account/logout/")
    # Someone on the same address, and many others, keep failing.
    for n in range(60):
        attempt(EMAIL, WRONG, address="192.0.2.10" if n % 2 else f"203.0.113.{n}")
    assert attempt(EMAIL, PASSWORD) == 429

    frozen_clock.advance(seconds=31)
    first = usual.post("/account/login/", {"email": EMAIL, "password": PASSWORD})
    second = usual.post("/account/login/code/", {"code": code_now()})

    assert first.status_code == 302
    assert first["Location"] == "/account/login/code/"
    assert second.status_code == 302
    assert second["Location"] == "/account/"
    # No second cookie: the one the browser holds is still good.
    assert device_cookie_name() not in second.cookies


def test_the_device_cookie_is_strict_and_http_only(frozen_clock: FrozenClock) -> None:
    customer_make()
    client = Client(REMOTE_ADDR="192.0.2.10")
    client.post("/account/login/", {"email": EMAIL, "password": PASSWORD})
    response = client.post("/account/login/code/", {"code": code_now()})

    morsel = response.cookies[device_cookie_name()]
    assert morsel["httponly"] is True
    assert morsel["samesite"] == "Strict"
    assert morsel["max-age"] == int(dt.timedelta(days=180).total_seconds())
    assert len(morsel.value) == 43
