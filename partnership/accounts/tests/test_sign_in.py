"""The two-step sign-in: password, then a one-time code; throttled; audited."""

from __future__ import annotations

import re
from importlib import import_module
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth.hashers import MD5PasswordHasher
from django.contrib.sessions.backends.base import SessionBase
from django.core import signing
from django.test import Client

from partnership.accounts.models import SignInEvent, SignInOutcome, User
from partnership.accounts.tests.conftest import FrozenClock
from partnership.accounts.tests.support import (
    PASSWORD,
    code_now,
    customer_make,
    staff_make,
)
from partnership.audit.models import AuditEvent
from partnership.core.access import SESSION_TWO_FACTOR_KEY

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]

NOT_RIGHT = "The e-mail address or password is not right."


def password_step(client: Client, email: str, password: str = PASSWORD, **extra: Any) -> Any:
    return client.post("/account/login/", {"email": email, "password": password, **extra})


def events(name: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(event=name).order_by("sequence"))


def test_the_whole_two_step_flow_signs_a_customer_in_with_a_new_session() -> None:
    customer = customer_make()
    client = Client()
    client.get("/account/login/")

    first = password_step(client, "ADA.test@example.com ")
    assert first.status_code == 302
    assert first["Location"] == "/account/login/code/"
    half_session = client.session.session_key
    # Half-signed-in is not signed in.
    assert client.get("/account/").status_code == 302

    second = client.post("/account/login/code/", {"code": code_now()})

    assert second.status_code == 302
    assert second["Location"] == "/account/"
    assert client.session.session_key != half_session
    assert client.session[SESSION_TWO_FACTOR_KEY]
    home = client.get("/account/")
    assert home.status_code == 200
    assert b"Your account" in home.content
    assert [e.outcome for e in SignInEvent.objects.filter(user=customer)] == ["success"]
    [success] = events("account:sign-in:success")
    assert (success.subject_id, success.data) == (str(customer.pk), {"factor": "totp"})


def test_staff_land_on_staff_home() -> None:
    staff_make(group="Compliance officer")
    client = Client()
    password_step(client, "staff.test@example.com")

    response = client.post("/account/login/code/", {"code": code_now()})

    assert response["Location"] == "/staff/"
    assert client.get("/staff/").status_code == 200


def test_wrong_password_is_refused_with_the_form_and_recorded() -> None:
    customer = customer_make()
    client = Client()

    response = password_step(client, "ada.test@example.com", "not the right password")

    assert response.status_code == 400
    assert NOT_RIGHT in response.content.decode()
    assert "accounts.pending_sign_in" not in client.session
    assert [e.outcome for e in SignInEvent.objects.filter(user=customer)] == ["wrong_password"]
    [failure] = events("account:sign-in:failure")
    assert (failure.subject_id, failure.reason) == (str(customer.pk), "wrong_credentials")


def test_unknown_email_gets_the_same_answer_after_the_same_work(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    customer_make()
    verifications: list[str] = []
    real_verify = MD5PasswordHasher.verify

    def counting_verify(self: MD5PasswordHasher, password: str, encoded: str) -> bool:
        verifications.append(password)
        return real_verify(self, password, encoded)

    monkeypatch.setattr(MD5PasswordHasher, "verify", counting_verify)
    # The consent banner's form token is dated to the second: one second for both pages.
    monkeypatch.setattr(signing.TimestampSigner, "timestamp", lambda self: "1xWGk3")

    known = password_step(Client(), "ada.test@example.com", "wrong password here")
    unknown = password_step(Client(), "nobody@example.com", "wrong password here")

    assert verifications == ["wrong password here", "wrong password here"]
    assert (known.status_code, unknown.status_code) == (400, 400)
    assert NOT_RIGHT in unknown.content.decode()
    # The pages differ only by the address typed (and the form's CSRF token).
    page = unknown.content.decode().replace("nobody@example.com", "ada.test@example.com")
    assert (
        page.split("csrfmiddlewaretoken")[0]
        == known.content.decode().split("csrfmiddlewaretoken")[0]
    )


def test_wrong_code_is_refused_and_the_person_stays_half_signed_in() -> None:
    customer_make()
    client = Client()
    password_step(client, "ada.test@example.com")

    response = client.post("/account/login/code/", {"code": "000000"})

    assert response.status_code == 400
    assert "That code is not right" in response.content.decode()
    assert SESSION_TWO_FACTOR_KEY not in client.session
    assert "_auth_user_id" not in client.session
    assert client.get("/account/").status_code == 302


def test_a_code_is_accepted_once(frozen_clock: FrozenClock) -> None:
    customer_make()
    code = code_now()
    first = Client()
    password_step(first, "ada.test@example.com")
    assert first.post("/account/login/code/", {"code": code}).status_code == 302

    replay = Client()
    password_step(replay, "ada.test@example.com")
    response = replay.post("/account/login/code/", {"code": code})

    assert response.status_code == 400
    assert "used already" in response.content.decode()
    # The next time step's code works.
    frozen_clock.advance(seconds=30)
    assert replay.post("/account/login/code/", {"code": code_now()}).status_code == 302


def test_recovery_code_works_once() -> None:
    user = customer_make(email="new.customer@example.com")
    user.totp_devices.all().delete()
    client = Client()
    password_step(client, "new.customer@example.com")
    enrol = client.get("/account/login/enrol/")
    secret = enrol.context["secret"].replace(" ", "")
    shown = client.post("/account/login/enrol/", {"code": code_now(secret)})
    codes = shown.context["codes"]
    assert len(codes) == 10
    client.post("/account/logout/")

    again = Client()
    password_step(again, "new.customer@example.com")
    used = again.post("/account/login/code/", {"code": codes[0].upper()})
    assert used.status_code == 200
    assert "9 recovery codes left" in used.content.decode()

    third = Client()
    password_step(third, "new.customer@example.com")
    assert third.post("/account/login/code/", {"code": codes[0]}).status_code == 400
    [use] = events("account:recovery-code:use")
    assert use.data == {"codes_left": 9}


def test_a_customer_enrols_at_first_sign_in_with_a_qr_code_and_the_secret() -> None:
    user = customer_make(email="first.time@example.com")
    user.totp_devices.all().delete()
    client = Client()

    first = password_step(client, "first.time@example.com")
    assert first["Location"] == "/account/login/enrol/"
    page = client.get("/account/login/enrol/")
    body = page.content.decode()
    assert re.search(r"<figure><svg[^>]*>.*</svg><figcaption class=\"meta\">QR code", body, re.S)
    # No script but the cookie banner's own (this site's file, CSP script-src 'self').
    banner_script = '<script src="/static/js/consent-banner.js" defer></script>'
    assert "<script" not in body.replace(banner_script, "")
    secret = page.context["secret"].replace(" ", "")
    assert len(secret) == 32

    done = client.post("/account/login/enrol/", {"code": code_now(secret)})

    assert done.status_code == 200
    assert "Your recovery codes" in done.content.decode()
    assert client.session[SESSION_TWO_FACTOR_KEY]
    assert user.totp_devices.get().confirmed_at is not None
    assert user.recovery_codes.count() == 10
    [enrolled] = events("account:two-factor:enrol")
    assert enrolled.subject_id == str(user.pk)


def test_half_signed_in_state_expires_after_five_minutes(frozen_clock: FrozenClock) -> None:
    customer_make()
    client = Client()
    password_step(client, "ada.test@example.com")
    frozen_clock.advance(minutes=5, seconds=1)

    response = client.post("/account/login/code/", {"code": code_now()})

    assert response["Location"] == "/account/login/?status=restart"
    assert "_auth_user_id" not in client.session


def test_off_site_next_is_refused() -> None:
    customer_make()
    client = Client()
    password_step(client, "ada.test@example.com", next="https://evil.example.net/account/")

    response = client.post("/account/login/code/", {"code": code_now()})

    assert response["Location"] == "/account/"


def test_on_site_next_in_the_persons_own_area_is_followed() -> None:
    customer_make()
    client = Client()
    password_step(client, "ada.test@example.com", next="/account/?tab=1")

    response = client.post("/account/login/code/", {"code": code_now()})

    assert response["Location"] == "/account/?tab=1"


def test_staff_without_an_authenticator_cannot_sign_in() -> None:
    staff = staff_make()
    staff.totp_devices.all().delete()
    client = Client()

    response = password_step(client, "staff.test@example.com")

    assert response.status_code == 403
    assert "accounts.pending_sign_in" not in client.session


def test_sign_out_ends_the_server_session() -> None:
    customer_make()
    client = Client()
    password_step(client, "ada.test@example.com")
    client.post("/account/login/code/", {"code": code_now()})
    session_key = client.session.session_key

    response = client.post("/account/logout/")

    assert response["Location"] == "/account/login/?status=signed-out"
    store: SessionBase = import_module(settings.SESSION_ENGINE).SessionStore()
    assert session_key is not None
    assert not store.exists(session_key)
    assert client.get("/account/").status_code == 302
    assert len(events("account:session:sign-out")) == 1


def test_an_inactive_account_cannot_sign_in() -> None:
    customer = customer_make()
    User.objects.filter(pk=customer.pk).update(is_active=False)

    response = password_step(Client(), "ada.test@example.com")

    assert response.status_code == 400
    assert SignInEvent.objects.filter(outcome=SignInOutcome.WRONG_PASSWORD).count() == 1
