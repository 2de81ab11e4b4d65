"""Correct my details (always with a code)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from partnership.accounts.identity import login_index
from partnership.accounts.models import CustomerProfile, User
from partnership.accounts.tests.conftest import FrozenClock
from partnership.accounts.tests.support import (
    code_now,
    customer_make,
    sign_in,
)
from partnership.audit.models import AuditEvent

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]

URL = "/account/privacy/details/"


def valid(**changes: str) -> dict[str, str]:
    form = {
        "full_name": "Ada Testperson",
        "email": "ada.test@example.com",
        "postal_address": "1 Test Street\nTestford",
        "postcode": "TE1 1ST",
        "phone": "",
        "code": code_now(),
    }
    form.update(changes)
    return form


def snapshot(user: User) -> tuple[Any, ...]:
    user.refresh_from_db()
    profile = CustomerProfile.objects.get(user=user)
    return (
        user.full_name,
        user.email,
        user.login_index,
        profile.postal_address,
        profile.postcode,
        profile.phone,
    )


@pytest.fixture
def ada() -> User:
    return customer_make()


@pytest.fixture
def client(ada: User) -> Client:
    client = Client()
    sign_in(client, ada)
    return client


def test_the_form_shows_the_current_details(client: Client) -> None:
    body = client.get(URL).content.decode()
    assert 'value="Ada Testperson"' in body
    assert "1 Test Street\nTestford</textarea>" in body


def test_a_right_code_changes_the_details_and_the_audit_names_the_fields_only(
    client: Client, ada: User
) -> None:
    response = client.post(
        URL, valid(postal_address="9 New Road\nNewtown", postcode="nw1 6xe", phone="07700 900999")
    )

    assert (response.status_code, response["Location"]) == (302, f"{URL}?saved=details")
    assert snapshot(ada)[3:] == ("9 New Road\nNewtown", "NW1 6XE", "07700 900999")
    [event] = AuditEvent.objects.filter(event="account:details:correct")
    assert event.data == {"fields": "postal_address:postcode:phone", "email_index_changed": False}
    assert (event.actor_kind, event.subject_id) == ("customer", str(ada.pk))


def test_an_email_change_moves_the_sign_in_look_up(client: Client, ada: User) -> None:
    response = client.post(URL, valid(email="ada.new@example.com"))

    assert response.status_code == 302
    ada.refresh_from_db()
    assert ada.email == "ada.new@example.com"
    assert ada.login_index == login_index("ADA.NEW@example.com")
    assert not User.objects.filter(login_index=login_index("ada.test@example.com")).exists()
    [event] = AuditEvent.objects.filter(event="account:details:correct")
    assert event.data == {"fields": "email", "email_index_changed": True}


def test_an_email_another_account_uses_is_refused_without_saying_whose(
    client: Client, ada: User
) -> None:
    customer_make("bob.test@example.com", full_name="Bob Otherperson")
    before = snapshot(ada)

    response = client.post(URL, valid(email="Bob.Test@example.com", full_name="Ada New"))

    assert response.status_code == 400
    body = response.content.decode()
    assert "We cannot use that e-mail address for your account." in body
    # The typed address comes back in its field; nothing else of Bob's account
    # may appear (a bare "bob" could match a random CSRF token or nonce).
    rest = body.lower().replace('value="bob.test@example.com"', "")
    assert "bob.test" not in rest
    assert "otherperson" not in rest
    assert snapshot(ada) == before
    assert not AuditEvent.objects.filter(event="account:details:correct").exists()


def test_a_wrong_code_changes_nothing_and_is_audited(client: Client, ada: User) -> None:
    before = snapshot(ada)

    response = client.post(URL, valid(full_name="Mallory", code="000000"))

    assert response.status_code == 400
    assert "That code is not right" in response.content.decode()
    assert snapshot(ada) == before
    [event] = AuditEvent.objects.filter(event="account:reauth:failure")
    assert (event.reason, event.data) == ("wrong_code", {"action": "details_correct"})


def test_five_wrong_codes_lock_the_account(client: Client, frozen_clock: FrozenClock) -> None:
    answers = [client.post(URL, valid(full_name="Mallory", code="000000")) for _ in range(5)]

    assert [r.status_code for r in answers] == [400, 400, 400, 400, 429]
    assert client.post(URL, valid(full_name="Mallory")).status_code == 429


def test_a_double_submission_changes_once(
    client: Client, ada: User, frozen_clock: FrozenClock
) -> None:
    form = valid(full_name="Ada Lovelace")

    first = client.post(URL, form)
    second = client.post(URL, form)

    assert [first.status_code, second.status_code] == [302, 400]
    assert "These are already your details" in second.content.decode()
    assert AuditEvent.objects.filter(event="account:details:correct").count() == 1
    assert snapshot(ada)[0] == "Ada Lovelace"


BAD_INPUT = {
    "empty name": {"full_name": ""},
    "oversized name": {"full_name": "a" * 201},
    "script": {"full_name": "<script>alert(1)</script>"},
    "NUL": {"postal_address": "1 Test Street\x00"},
    "bad postcode": {"postcode": "NOT A CODE"},
    "bad e-mail": {"email": "not-an-address"},
    "bad phone": {"phone": "call me"},
    "no code": {"code": ""},
}


@pytest.mark.parametrize("changes", BAD_INPUT.values(), ids=BAD_INPUT.keys())
def test_bad_input_is_refused_with_the_form_and_nothing_changes(
    client: Client, ada: User, changes: dict[str, str]
) -> None:
    before = snapshot(ada)
    audit_before = AuditEvent.objects.count()

    response = client.post(URL, valid(**changes))

    assert response.status_code == 400
    assert 'class="error-summary"' in response.content.decode()
    assert snapshot(ada) == before
    assert AuditEvent.objects.count() == audit_before


def test_bytes_that_are_not_utf8_are_refused(client: Client, ada: User) -> None:
    before = snapshot(ada)

    response = client.post(
        URL, b"full_name=%FF%FEx&email=a%40b.com", content_type="application/x-www-form-urlencoded"
    )

    assert response.status_code == 400
    assert "it was not UTF-8 text" in response.content.decode()
    assert snapshot(ada) == before
