"""Lock-out after 5 failures for 30 minutes; per-client limit across accounts; 429 pages."""

from __future__ import annotations

import pytest
from django.test import Client

from partnership.accounts.tests.conftest import FrozenClock
from partnership.accounts.tests.support import PASSWORD, code_now, customer_make
from partnership.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def attempt(email: str, password: str, *, address: str = "192.0.2.10") -> int:
    client = Client(REMOTE_ADDR=address)
    return client.post("/account/login/", {"email": email, "password": password}).status_code


@pytest.mark.parametrize("email", ["ada.test@example.com", "nobody@example.com"])
def test_five_failures_lock_the_address_for_thirty_minutes(
    frozen_clock: FrozenClock, email: str
) -> None:
    customer_make()

    statuses = [attempt(email, "wrong password 123") for _ in range(5)]
    locked = attempt(email, PASSWORD)

    # The fifth failure locks; then even the right password gets the 429 page.
    assert statuses == [400, 400, 400, 400, 429]
    assert locked == 429
    [lockout] = AuditEvent.objects.filter(event="account:sign-in:lockout")
    assert lockout.data == {"minutes": 30}

    frozen_clock.advance(minutes=29, seconds=59)
    assert attempt(email, PASSWORD) == 429
    frozen_clock.advance(seconds=1)
    released = attempt(email, PASSWORD)
    assert released == (302 if email.startswith("ada") else 400)


def test_the_locked_page_is_the_friendly_429_page(frozen_clock: FrozenClock) -> None:
    customer_make()
    for _ in range(5):
        attempt("ada.test@example.com", "wrong password 123")

    response = Client().post(
        "/account/login/", {"email": "ada.test@example.com", "password": PASSWORD}
    )

    assert response.status_code == 429
    assert "Please wait a little" in response.content.decode()


def test_wrong_codes_count_towards_the_same_lock(frozen_clock: FrozenClock) -> None:
    customer_make()
    client = Client()
    client.post("/account/login/", {"email": "ada.test@example.com", "password": PASSWORD})

    statuses = [
        client.post("/account/login/code/", {"code": "000000"}).status_code for _ in range(5)
    ]

    assert statuses == [400, 400, 400, 400, 429]
    # The half-signed-in state is gone too.
    assert client.post("/account/login/code/", {"code": code_now()}).status_code == 302
    assert attempt("ada.test@example.com", PASSWORD) == 429


def test_one_client_failing_across_many_accounts_is_stopped(frozen_clock: FrozenClock) -> None:
    customer_make()
    statuses = [attempt(f"person{n}@example.com", "wrong password 123") for n in range(20)]

    from_same_client = attempt("ada.test@example.com", PASSWORD)
    from_another_client = attempt("ada.test@example.com", PASSWORD, address="198.51.100.7")

    assert statuses == [400] * 20
    assert from_same_client == 429
    assert from_another_client == 302
    assert AuditEvent.objects.filter(event="account:sign-in:throttled").count() == 1

    frozen_clock.advance(minutes=20)
    assert attempt("ada.test@example.com", PASSWORD) == 302


def test_a_success_forgets_earlier_failures(frozen_clock: FrozenClock) -> None:
    customer_make()
    for _ in range(4):
        attempt("ada.test@example.com", "wrong password 123")
    client = Client()
    client.post("/account/login/", {"email": "ada.test@example.com", "password": PASSWORD})
    client.post("/account/login/code/", {"code": code_now()})

    assert [attempt("ada.test@example.com", "wrong password 123") for _ in range(4)] == [400] * 4
