"""Helpers for tests of any app that needs a signed-in person (cards, backoffice, …)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pyotp
from django.test import Client

from partnership.accounts.models import TotpDevice, User
from partnership.accounts.services.users import ContactDetails, user_create
from partnership.accounts.sessions import LAST_ACTIVITY, SIGNED_IN_AT
from partnership.core import clock
from partnership.core.access import SESSION_TWO_FACTOR_KEY

PASSWORD = "lantern orchard 57 harbour"
SECRET = "HYDSRAJEH53L56W6IPG6VZUW4O3FBAMO"


def customer_make(email: str = "ada.test@example.com", **extra: Any) -> User:
    user = user_create(
        email=email,
        password=PASSWORD,
        full_name=extra.pop("full_name", "Ada Testperson"),
        contact=extra.pop("contact", ContactDetails("1 Test Street\nTestford", "TE1 1ST", "")),
        **extra,
    )
    device_add(user)
    return user


def staff_make(email: str = "staff.test@example.com", *, group: str = "") -> User:
    user = user_create(
        email=email,
        password=PASSWORD,
        full_name="Sam Staffperson",
        is_staff=True,
        groups=(group,) if group else (),
    )
    device_add(user)
    return user


def device_add(user: User, secret: str = SECRET) -> TotpDevice:
    now = clock.now()
    return TotpDevice.objects.create(user=user, secret=secret, created_at=now, confirmed_at=now)


def code_now(secret: str = SECRET, *, at: dt.datetime | None = None) -> str:
    return pyotp.TOTP(secret).at(at or clock.now())


def sign_in(client: Client, user: User) -> None:
    """Signed in as if through both steps (session marked two-factor, clocks started)."""
    client.force_login(user)
    session = client.session
    now = clock.now().isoformat()
    session[SESSION_TWO_FACTOR_KEY] = now
    session[SIGNED_IN_AT] = now
    session[LAST_ACTIVITY] = now
    session.save()


# Through the real forms, as a browser would.
def password_step(client: Client, email: str = "ada.test@example.com") -> Any:
    return client.post("/account/login/", {"email": email, "password": PASSWORD})


def full_sign_in(client: Client, *, remember: bool, email: str = "ada.test@example.com") -> Any:
    assert password_step(client, email)["Location"] == "/account/login/code/"
    form = {"code": code_now(), **({"remember": "on"} if remember else {})}
    return client.post("/account/login/code/", form)


def sign_out(client: Client) -> None:
    assert client.post("/account/logout/").status_code == 302
