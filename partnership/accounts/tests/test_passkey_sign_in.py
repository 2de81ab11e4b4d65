"""Signing in with password + passkey through the real views, and the pages that
offer it (with the script allowed only where a passkey is offered)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from partnership.accounts.models import Passkey, SignInEvent, User
from partnership.accounts.services.passkeys import (
    credential_index,
    passkey_registration_check,
    passkey_registration_options,
)
from partnership.accounts.tests.support import customer_make, password_step
from partnership.accounts.tests.webauthn_support import SoftAuthenticator
from partnership.audit.models import AuditEvent
from partnership.core.access import SESSION_TWO_FACTOR_KEY

pytestmark = pytest.mark.django_db


def _registered(user: User) -> SoftAuthenticator:
    """A passkey registered through the real check (its own tests cover the refusals)."""
    authenticator, session = SoftAuthenticator(), _session()
    answer = authenticator.create(passkey_registration_options(user=user, session=session))
    passkey = passkey_registration_check(
        user=user, name="Laptop", credential=answer, session=session
    ).passkey
    assert passkey is not None
    passkey.save()
    assert passkey.credential_index == credential_index(authenticator.credential_id)
    return authenticator


def _session() -> dict[str, Any]:
    return {}


def _options(client: Client, url: str = "/account/login/passkey/options/") -> str:
    response = client.post(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return response.content.decode()


def test_the_code_page_offers_a_passkey_once_there_is_one() -> None:
    user, client = customer_make(), Client()
    password_step(client)
    page = client.get("/account/login/code/")
    assert b"Use your passkey" not in page.content
    _registered(user)
    page = client.get("/account/login/code/")
    assert b"Use your passkey" in page.content
    assert b"needs JavaScript" in page.content
    assert "script-src 'self'" in page["Content-Security-Policy"]


def test_password_and_passkey_sign_in() -> None:
    user, client = customer_make(), Client()
    authenticator = _registered(user)
    password_step(client)
    answer = authenticator.get(_options(client))
    response = client.post("/account/login/passkey/", {"credential": answer})
    assert (response.status_code, response["Location"]) == (302, "/account/")
    assert SESSION_TWO_FACTOR_KEY in client.session
    event = SignInEvent.objects.get(user=user)
    assert (event.outcome, event.factor) == ("success", "passkey")
    assert Passkey.objects.get().sign_count == 1
    success = AuditEvent.objects.get(event="account:sign-in:success")
    assert success.data == {"factor": "passkey"}


def test_a_replayed_sign_in_answer_is_refused_with_a_message() -> None:
    user, client = customer_make(), Client()
    authenticator = _registered(user)
    password_step(client)
    answer = authenticator.get(_options(client))
    client.post("/account/login/passkey/", {"credential": answer})
    client.post("/account/logout/")
    password_step(client)
    response = client.post("/account/login/passkey/", {"credential": answer})
    assert response.status_code == 400
    assert b"That passkey could not be checked" in response.content
    assert SESSION_TWO_FACTOR_KEY not in client.session
    refusal = AuditEvent.objects.get(event="account:passkey:refuse")
    assert (refusal.reason, refusal.data) == ("no_challenge", {"ceremony": "sign_in"})
    failed = SignInEvent.objects.filter(user=user, outcome="wrong_code").get()
    assert failed.factor == "passkey"


def test_a_wrong_origin_at_sign_in_is_refused() -> None:
    user, client = customer_make(), Client()
    authenticator = _registered(user)
    password_step(client)
    answer = authenticator.get(_options(client), origin="https://phish.example")
    response = client.post("/account/login/passkey/", {"credential": answer})
    assert response.status_code == 400
    assert AuditEvent.objects.get(event="account:passkey:refuse").reason == "wrong_origin"
    assert Passkey.objects.get().sign_count == 0


def test_without_javascript_the_passkey_post_explains_and_the_code_still_works() -> None:
    user, client = customer_make(), Client()
    _registered(user)
    password_step(client)
    response = client.post("/account/login/passkey/", {"credential": ""})
    assert response.status_code == 400
    assert b"needs JavaScript" in response.content
    assert b'name="code"' in response.content


def test_the_passkey_step_needs_the_password_first() -> None:
    client = Client()
    assert client.post("/account/login/passkey/options/").status_code == 400
    response = client.post("/account/login/passkey/", {"credential": "{}"})
    assert response["Location"] == "/account/login/?status=restart"
