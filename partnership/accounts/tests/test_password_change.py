"""Change my password (the current one and a code from the authenticator app)."""

from __future__ import annotations

import pytest
from django.test import Client

from partnership.accounts.models import User
from partnership.accounts.tests.support import (
    PASSWORD,
    code_now,
    customer_make,
    sign_in,
    staff_make,
)
from partnership.audit.models import AuditEvent

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]

NEW_PASSWORD = "violet signal 42 lighthouse"


@pytest.fixture
def ada() -> User:
    return customer_make()


@pytest.fixture
def client(ada: User) -> Client:
    client = Client()
    sign_in(client, ada)
    return client


def password_form(**changes: str) -> dict[str, str]:
    form = {
        "current_password": PASSWORD,
        "new_password1": NEW_PASSWORD,
        "new_password2": NEW_PASSWORD,
        "code": code_now(),
    }
    form.update(changes)
    return form


@pytest.mark.parametrize("who", ["customer", "staff"])
def test_a_signed_in_person_changes_their_password_and_stays_signed_in(who: str) -> None:
    user = customer_make() if who == "customer" else staff_make()
    client, other_session = Client(), Client()
    sign_in(client, user)
    sign_in(other_session, user)

    response = client.post("/account/password/", password_form())

    assert (response.status_code, response["Location"]) == (
        302,
        "/account/password/?status=changed",
    )
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert client.get("/account/password/").status_code == 200
    assert other_session.get("/account/password/").status_code == 302
    assert AuditEvent.objects.filter(event="account:password:change").count() == 1


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"current_password": "wrong password here"}, "wrong_password"),
        ({"code": "000000"}, "wrong_code"),
    ],
)
def test_a_wrong_password_or_code_changes_nothing(
    client: Client, ada: User, changes: dict[str, str], reason: str
) -> None:
    response = client.post("/account/password/", password_form(**changes))

    assert response.status_code == 400
    ada.refresh_from_db()
    assert ada.check_password(PASSWORD)
    assert [e.reason for e in AuditEvent.objects.filter(event="account:reauth:failure")] == [reason]
    assert not AuditEvent.objects.filter(event="account:password:change").exists()


def test_a_weak_or_mismatched_new_password_is_refused(client: Client, ada: User) -> None:
    weak = client.post(
        "/account/password/", password_form(new_password1="short", new_password2="short")
    )
    mismatch = client.post(
        "/account/password/", password_form(new_password2="something else entirely")
    )

    assert [weak.status_code, mismatch.status_code] == [400, 400]
    assert "The two passwords are not the same." in mismatch.content.decode()
    ada.refresh_from_db()
    assert ada.check_password(PASSWORD)


def test_anonymous_visitors_are_sent_to_sign_in_for_the_password_page() -> None:
    response = Client().get("/account/password/")
    assert (response.status_code, response["Location"]) == (
        302,
        "/account/login/?next=/account/password/",
    )
