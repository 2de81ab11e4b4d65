"""Server-side session limits: customers 5 min idle / 8 h in all, staff 15 min idle."""

from __future__ import annotations

import pytest
from django.test import Client

from partnership.accounts.tests.conftest import FrozenClock
from partnership.accounts.tests.support import customer_make, sign_in, staff_make
from partnership.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_a_customer_idle_for_five_minutes_is_signed_out(frozen_clock: FrozenClock) -> None:
    client = Client()
    sign_in(client, customer_make())
    frozen_clock.advance(minutes=4, seconds=59)
    assert client.get("/account/").status_code == 200

    frozen_clock.advance(minutes=5)
    response = client.get("/account/")

    assert response["Location"] == "/account/session/ended/?reason=idle"
    assert "_auth_user_id" not in client.session
    assert client.get("/account/").status_code == 302
    [expired] = AuditEvent.objects.filter(event="account:session:expire")
    assert expired.reason == "idle"
    ended = client.get("/account/session/ended/?reason=idle")
    assert "You did nothing for a while" in ended.content.decode()


def test_activity_keeps_a_customer_in_until_eight_hours(frozen_clock: FrozenClock) -> None:
    client = Client()
    sign_in(client, customer_make())
    for _ in range(8 * 15 - 1):  # a request every 4 minutes
        frozen_clock.advance(minutes=4)
        assert client.get("/account/").status_code == 200

    frozen_clock.advance(minutes=4)
    response = client.get("/account/")

    assert response["Location"] == "/account/session/ended/?reason=absolute"


def test_staff_have_fifteen_minutes_idle(frozen_clock: FrozenClock) -> None:
    client = Client()
    sign_in(client, staff_make())
    frozen_clock.advance(minutes=14, seconds=59)
    assert client.get("/staff/").status_code == 200

    frozen_clock.advance(minutes=15)
    assert client.get("/staff/")["Location"] == "/account/session/ended/?reason=idle"


def test_pages_say_when_the_session_ends_and_refresh_to_the_warning(
    frozen_clock: FrozenClock,
) -> None:
    client = Client()
    sign_in(client, customer_make())

    body = client.get("/account/").content.decode()

    assert (
        '<meta http-equiv="refresh" content="240;url=/account/session/?next=%2Faccount%2F">' in body
    )
    assert "you will be signed out at 10:12" in body  # 10:07:10 UTC + 5 min, London = UTC


def test_looking_at_the_warning_does_not_extend_the_session(frozen_clock: FrozenClock) -> None:
    client = Client()
    sign_in(client, customer_make())
    frozen_clock.advance(minutes=4)

    warning = client.get("/account/session/?next=/account/")
    assert warning.status_code == 200
    assert "Your session is about to end" in warning.content.decode()
    assert 'content="62;url=/account/session/ended/?reason=idle"' in warning.content.decode()

    frozen_clock.advance(minutes=1, seconds=1)
    assert client.get("/account/")["Location"] == "/account/session/ended/?reason=idle"


def test_stay_signed_in_extends_the_session(frozen_clock: FrozenClock) -> None:
    client = Client()
    sign_in(client, customer_make())
    frozen_clock.advance(minutes=4)

    response = client.post("/account/session/", {"next": "/account/"})
    frozen_clock.advance(minutes=4)

    assert response["Location"] == "/account/"
    assert client.get("/account/").status_code == 200
