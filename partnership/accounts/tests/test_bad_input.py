"""Every form of the accounts app refuses bad input with 400, the form and a clear
message, and leaves nothing behind (no audit event, no history, no change)."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import quote

import pytest
from django.core import mail
from django.test import Client

from partnership.accounts.models import SignInEvent, User
from partnership.accounts.services.password_reset import password_reset_path
from partnership.accounts.tests.support import PASSWORD, customer_make
from partnership.audit.models import AuditEvent
from partnership.core.text import CONTROL_MESSAGE, UNREADABLE_MESSAGE

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]

SCRIPT = "<script>alert(1)</script>"


def login_page(client: Client) -> str:
    return "/account/login/"


def code_page(client: Client) -> str:
    client.post("/account/login/", {"email": "ada.test@example.com", "password": PASSWORD})
    return "/account/login/code/"


def enrol_page(client: Client) -> str:
    User.objects.get().totp_devices.all().delete()
    client.post("/account/login/", {"email": "ada.test@example.com", "password": PASSWORD})
    client.get("/account/login/enrol/")
    return "/account/login/enrol/"


def reset_page(client: Client) -> str:
    return "/account/password-reset/"


def reset_confirm_page(client: Client) -> str:
    from django.contrib.auth.tokens import default_token_generator

    user = User.objects.get()
    return password_reset_path(user=user, token=default_token_generator.make_token(user))


# (page, the field to spoil, the other fields)
FORMS: dict[str, tuple[Callable[[Client], str], str, dict[str, str]]] = {
    "login": (login_page, "email", {"password": PASSWORD}),
    "login-password": (login_page, "password", {"email": "ada.test@example.com"}),
    "code": (code_page, "code", {}),
    "enrol": (enrol_page, "code", {}),
    "reset": (reset_page, "email", {}),
    "reset-confirm": (
        reset_confirm_page,
        "new_password1",
        {"new_password2": "violet ferry crossing 19", "code": "123456"},
    ),
}

CASES: dict[str, tuple[str, str]] = {
    "empty": ("", "Enter"),
    "oversized": ("x" * 5000 + "@example.com", "characters or fewer"),
    "script": (SCRIPT, ""),
    "nul": ("ada\x00test@example.com", CONTROL_MESSAGE),
}


def state() -> tuple[int, int, int, str]:
    user = User.objects.get()
    return AuditEvent.objects.count(), SignInEvent.objects.count(), len(mail.outbox), user.password


# Any printable character may be part of a password (it is never shown back), so
# script-like text is a bad value only for the other fields.
BAD_VALUES = [
    (form_name, case)
    for form_name, (_page, field, _others) in FORMS.items()
    for case in CASES
    if not (case == "script" and "password" in field)
]


@pytest.mark.parametrize(("form_name", "case"), BAD_VALUES)
def test_bad_values_are_refused_with_the_form(form_name: str, case: str) -> None:
    page, field, others = FORMS[form_name]
    customer_make()
    client = Client()
    url = page(client)
    before = state()
    value, message = CASES[case]

    response = client.post(url, {**others, field: value})

    body = response.content.decode()
    assert response.status_code == 400
    assert 'class="error-summary"' in body
    assert f'href="#id_{field}"' in body
    assert message in body
    assert SCRIPT not in body
    assert state() == before
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("form_name", FORMS)
def test_bytes_that_are_not_utf8_are_named(form_name: str) -> None:
    customer_make()
    page, field, others = FORMS[form_name]
    client = Client()
    url = page(client)
    before = state()
    body = "&".join(f"{name}={quote(value)}" for name, value in others.items())
    body = (body + "&" if body else "") + f"{field}=%FF%FEabc"

    response = client.post(url, body, content_type="application/x-www-form-urlencoded")

    assert response.status_code == 400
    assert UNREADABLE_MESSAGE in response.content.decode()
    assert state() == before
