"""Remembered browsers: after the password, a browser the customer asked us to remember
stands in for the one-time code (still two factors: something known, something held).

- The cookie holds only a random token (256 bits, ``secrets.token_urlsafe``); the row
  holds an HMAC of it under a key derived from ``SECRET_KEY`` for this purpose alone,
  so neither a database copy nor the cookie says anything about the person.
- 30 days from when it was added (not renewed by use), at most ``MAX_PER_CUSTOMER``
  per customer (the least recently used goes first). Staff cannot be remembered.
- Listed and revoked in the privacy centre; signing out does not revoke it; rotating
  ``SECRET_KEY`` forgets every remembered browser (a code is asked again).
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from django.db import transaction
from django.db.models import QuerySet

from partnership.accounts.devices import device_label
from partnership.accounts.models import RememberedDevice, User
from partnership.accounts.services.browser_rows import (
    browser_audit,
    browser_rows_forget_all,
    browser_rows_revoke,
    browser_rows_trim,
    browser_token_hash,
    browser_token_new,
    browser_token_well_formed,
)
from partnership.accounts.services.sign_in import SignInClient, sign_in_success_record
from partnership.accounts.services.two_factor import SecondFactor
from partnership.audit.events import AuditEventType
from partnership.consent import cookies
from partnership.core import clock

REMEMBER_FOR = dt.timedelta(days=30)
MAX_PER_CUSTOMER = 10
_PURPOSE = "partnership.accounts.remembered-device"


COOKIE_NAME_BASE = "remembered-device"


def remembered_device_cookie_declare() -> None:
    """Declared in the cookie registry (P9) from ``AccountsConfig.ready()``."""
    cookies.register_cookie(
        name_base=COOKIE_NAME_BASE,
        category=cookies.CookieCategory.STRICTLY_NECESSARY,
        purpose=(
            'Set only when you tick "Remember this browser" after your one-time code: '
            "for 30 days your password alone signs you in on this browser. You can "
            "forget the browser in your privacy centre."
        ),
        lifetime=int(REMEMBER_FOR.total_seconds()),
        holds=(
            "A random value (256 bits). Our server keeps only a keyed fingerprint of it, "
            "with your account; the cookie says nothing about you."
        ),
        party=cookies.CookieParty.FIRST,
        http_only=True,
        same_site="Strict",
    )


def remembered_device_cookie_name() -> str:
    """As the session cookie: ``__Host-`` in production (Secure, Path=/, no Domain)."""
    return cookies.cookie_name(COOKIE_NAME_BASE)


class DeviceCheck(StrEnum):
    ACCEPTED = "accepted"
    ABSENT = "absent"  # no cookie
    UNKNOWN = "unknown"  # no such token: forged, revoked or from another deployment
    EXPIRED = "expired"
    OTHER_PERSON = "other_person"  # a browser shared with someone else who is remembered
    NOT_ALLOWED = "not_allowed"  # staff


def _token_hash(token: str) -> str:
    return browser_token_hash(token, purpose=_PURPOSE)


@transaction.atomic
def remembered_device_add(*, user: User, user_agent: str) -> str:
    """Remember this browser for 30 days; return the token for the cookie (never stored)."""
    if user.is_staff:
        raise ValueError("staff browsers are never remembered")
    now = clock.now()
    token = browser_token_new()
    device = RememberedDevice(
        user=user,
        token_hash=_token_hash(token),
        label=device_label(user_agent),
        created_at=now,
        last_used_at=now,
        expires_at=now + REMEMBER_FOR,
    )
    device.full_clean()
    device.save()
    replaced = browser_rows_trim(RememberedDevice.objects.filter(user=user), keep=MAX_PER_CUSTOMER)
    browser_audit(
        event=AuditEventType.ACCOUNT_REMEMBERED_DEVICE_ADD,
        user=user,
        device_id=str(device.pk),
        replaced=replaced,
    )
    return token


def remembered_device_check(*, user: User, token: str) -> DeviceCheck:
    """Whether ``token`` (the cookie) remembers this browser for ``user``; a used one
    has its ``last_used_at`` moved on. Every refusal of a presented token is audited."""
    if not token:
        return DeviceCheck.ABSENT
    outcome = _check(user=user, token=token)
    if outcome != DeviceCheck.ACCEPTED:
        browser_audit(
            event=AuditEventType.ACCOUNT_REMEMBERED_DEVICE_REFUSE, user=user, reason=outcome
        )
    return outcome


def _check(*, user: User, token: str) -> DeviceCheck:
    if user.is_staff:
        return DeviceCheck.NOT_ALLOWED
    if not browser_token_well_formed(token):
        return DeviceCheck.UNKNOWN
    device = RememberedDevice.objects.filter(token_hash=_token_hash(token)).first()
    if device is None:
        return DeviceCheck.UNKNOWN
    if device.user_id != user.pk:
        return DeviceCheck.OTHER_PERSON
    now = clock.now()
    used = RememberedDevice.objects.filter(pk=device.pk, expires_at__gt=now).update(
        last_used_at=now
    )
    if used != 1:
        RememberedDevice.objects.filter(pk=device.pk).delete()
        return DeviceCheck.EXPIRED
    return DeviceCheck.ACCEPTED


def sign_in_with_remembered_device(*, user: User, token: str, client: SignInClient) -> DeviceCheck:
    """After a right password: ACCEPTED means signed in (the caller calls ``login``)."""
    outcome = remembered_device_check(user=user, token=token)
    if outcome == DeviceCheck.ACCEPTED:
        sign_in_success_record(user=user, factor=SecondFactor.REMEMBERED_DEVICE, client=client)
    return outcome


def remembered_devices_current(*, user: User) -> QuerySet[RememberedDevice]:
    return RememberedDevice.objects.filter(user=user, expires_at__gt=clock.now()).order_by(
        "-last_used_at"
    )


@transaction.atomic
def remembered_device_revoke(*, user: User, device_id: str | None) -> int:
    """Forget one of ``user``'s browsers (``device_id``), or all of them (None).
    Only ever ``user``'s own: another person's id matches nothing."""
    rows = RememberedDevice.objects.filter(user=user)
    return browser_rows_revoke(
        rows, user=user, device_id=device_id, event=AuditEventType.ACCOUNT_REMEMBERED_DEVICE_REVOKE
    )


def remembered_devices_forget_all(*, user: User, reason: str) -> int:
    """On a password reset: every remembered browser is forgotten (audited as system)."""
    rows = RememberedDevice.objects.filter(user=user)
    return browser_rows_forget_all(
        rows, user=user, reason=reason, event=AuditEventType.ACCOUNT_REMEMBERED_DEVICE_REVOKE
    )
