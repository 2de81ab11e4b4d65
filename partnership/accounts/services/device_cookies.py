"""Device cookies (OWASP "slow down online guessing with device cookies").

A browser that completes a sign-in — password *and* one-time code, customers and staff
alike — is given a cookie for that account. It never skips the code; it says which
failure counter a failed attempt from the browser counts against
(``services/throttle.py``): a browser holding a valid device cookie for the account
counts against that cookie alone, so a guessing attack that locks the account's
*untrusted* counter never locks out the customer's usual browser.

- The cookie holds only a random token (256 bits); the row holds an HMAC of it under a
  key derived from ``SECRET_KEY`` for this purpose alone, bound to the user.
- 180 days from when it was issued, at most ``MAX_PER_USER`` per person (the least
  recently used goes first). Listed and revocable at ``/account/browsers/``; a password
  reset forgets them all; rotating ``SECRET_KEY`` forgets them all.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.db.models import QuerySet

from partnership.accounts.devices import device_label
from partnership.accounts.models import DeviceCookie, User
from partnership.accounts.new_device import new_device_signed_in
from partnership.accounts.services.browser_rows import (
    browser_audit,
    browser_rows_forget_all,
    browser_rows_revoke,
    browser_rows_trim,
    browser_token_hash,
    browser_token_new,
    browser_token_well_formed,
)
from partnership.audit.events import AuditEventType
from partnership.consent import cookies
from partnership.core import clock

LIFETIME = dt.timedelta(days=180)
MAX_PER_USER = 20
COOKIE_NAME_BASE = "device"
_PURPOSE = "partnership.accounts.device-cookie"


def device_cookie_declare() -> None:
    """Declared in the cookie registry (P9) from ``AccountsConfig.ready()``."""
    cookies.register_cookie(
        name_base=COOKIE_NAME_BASE,
        category=cookies.CookieCategory.STRICTLY_NECESSARY,
        purpose=(
            "Set when you sign in with your password and one-time code. Someone guessing "
            "at your password elsewhere cannot lock this browser out; it never skips the "
            "code. You can remove it on your signed-in browsers page."
        ),
        lifetime=int(LIFETIME.total_seconds()),
        holds=(
            "A random value (256 bits). Our server keeps only a keyed fingerprint of it, "
            "with your account; the cookie says nothing about you."
        ),
        party=cookies.CookieParty.FIRST,
        http_only=True,
        same_site="Strict",
    )


def device_cookie_name() -> str:
    """As the session cookie: ``__Host-`` in production (Secure, Path=/, no Domain)."""
    return cookies.cookie_name(COOKIE_NAME_BASE)


@dataclass(frozen=True)
class Trusted:
    """A valid device cookie for the account being signed in to."""

    device_id: str
    token_hash: str


def token_hash(token: str) -> str:
    return browser_token_hash(token, purpose=_PURPOSE)


def device_cookie_trusted(*, token: str, login_index: str) -> Trusted | None:
    """The cookie's device when it is valid for the account with ``login_index``.

    One query for any well-formed token, whether or not the account exists; none when
    the browser sent no token (it knows that already)."""
    if not browser_token_well_formed(token):
        return None
    hashed = token_hash(token)
    found = (
        DeviceCookie.objects.filter(
            token_hash=hashed, user__login_index=login_index, expires_at__gt=clock.now()
        )
        .values_list("pk", flat=True)
        .first()
    )
    return None if found is None else Trusted(device_id=str(found), token_hash=hashed)


@transaction.atomic
def device_cookie_issue(*, user: User, token: str, user_agent: str) -> str | None:
    """After both factors: the token for a new cookie, or None when the browser's
    current ``token`` is already valid for ``user`` (its last use is moved on)."""
    now = clock.now()
    if browser_token_well_formed(token):
        used = DeviceCookie.objects.filter(
            token_hash=token_hash(token), user=user, expires_at__gt=now
        ).update(last_used_at=now)
        if used:
            return None
    fresh = browser_token_new()
    device = DeviceCookie(
        user=user,
        token_hash=token_hash(fresh),
        label=device_label(user_agent),
        created_at=now,
        last_used_at=now,
        expires_at=now + LIFETIME,
    )
    device.full_clean()
    device.save()
    replaced = browser_rows_trim(DeviceCookie.objects.filter(user=user), keep=MAX_PER_USER)
    browser_audit(
        event=AuditEventType.ACCOUNT_DEVICE_COOKIE_ADD,
        user=user,
        device_id=str(device.pk),
        replaced=replaced,
    )
    new_device_signed_in(user=user)
    return fresh


def device_cookies_current(*, user: User) -> QuerySet[DeviceCookie]:
    return DeviceCookie.objects.filter(user=user, expires_at__gt=clock.now()).order_by(
        "-last_used_at"
    )


@transaction.atomic
def device_cookie_revoke(*, user: User, device_id: str | None) -> int:
    """Remove one of ``user``'s device cookies (``device_id``), or all (None). Only ever
    ``user``'s own: another person's id matches nothing."""
    rows = DeviceCookie.objects.filter(user=user)
    return browser_rows_revoke(
        rows, user=user, device_id=device_id, event=AuditEventType.ACCOUNT_DEVICE_COOKIE_REVOKE
    )


def device_cookies_forget_all(*, user: User, reason: str) -> int:
    """On a password reset: no browser stays trusted (audited as system)."""
    rows = DeviceCookie.objects.filter(user=user)
    return browser_rows_forget_all(
        rows, user=user, reason=reason, event=AuditEventType.ACCOUNT_DEVICE_COOKIE_REVOKE
    )
