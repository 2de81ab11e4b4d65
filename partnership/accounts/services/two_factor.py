"""The second factor: TOTP authenticators (RFC 6238) and one-time recovery codes.

- TOTP: SHA-1, 6 digits, 30-second steps, one step of clock drift either way. A code
  is accepted once: ``last_used_step`` moves forward atomically, so a replayed code,
  or an older one, is refused even by two workers racing.
- Recovery codes: 10, each 10 Crockford base-32 characters (50 bits), shown once and
  stored as keyed hashes (a blind index under its own purpose); each works once.
"""

from __future__ import annotations

import hmac
import io
import re
import secrets
from enum import StrEnum

import pyotp
import segno
from django.conf import settings
from django.db import transaction
from django.db.models import Q

from partnership.accounts.models import RecoveryCode, TotpDevice, User
from partnership.accounts.services.users import actor_for
from partnership.audit.events import AuditEventType
from partnership.audit.services import audit_record
from partnership.core import clock
from partnership.crypto.blind_index import blind_index

TOTP_DIGITS = 6
TOTP_STEP_SECONDS = 30
TOTP_DRIFT_STEPS = 1
RECOVERY_CODE_COUNT = 10
_RECOVERY_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"  # Crockford: no i, l, o, u
_RECOVERY_PURPOSE = "accounts.recovery-code"
_TOTP_CODE = re.compile(r"[0-9]{6}")
_RECOVERY_CODE = re.compile(r"[0-9a-z]{10}")


class SecondFactor(StrEnum):
    TOTP = "totp"
    RECOVERY_CODE = "recovery_code"
    # Not a code: a browser the customer asked us to remember (services/devices.py).
    REMEMBERED_DEVICE = "remembered_device"
    # A WebAuthn passkey's answer at sign-in (services/passkeys.py).
    PASSKEY = "passkey"


# --- TOTP --------------------------------------------------------------------------------
def current_step() -> int:
    return int(clock.now().timestamp()) // TOTP_STEP_SECONDS


def totp_code_at_step(*, secret: str, step: int) -> str:
    return pyotp.TOTP(secret, digits=TOTP_DIGITS, interval=TOTP_STEP_SECONDS).at(
        step * TOTP_STEP_SECONDS
    )


def _matching_step(*, device: TotpDevice, code: str) -> int | None:
    if not _TOTP_CODE.fullmatch(code):
        return None
    now = current_step()
    for step in range(now - TOTP_DRIFT_STEPS, now + TOTP_DRIFT_STEPS + 1):
        if hmac.compare_digest(totp_code_at_step(secret=device.secret, step=step), code):
            return step
    return None


def _consume_step(*, device: TotpDevice, step: int) -> bool:
    """Move ``last_used_step`` forward to ``step``; False if it was already there (replay)."""
    updated = TotpDevice.objects.filter(
        Q(last_used_step__isnull=True) | Q(last_used_step__lt=step), pk=device.pk
    ).update(last_used_step=step, last_used_at=clock.now())
    return updated == 1


def confirmed_device(*, user: User) -> TotpDevice | None:
    return (
        TotpDevice.objects.filter(user=user, confirmed_at__isnull=False)
        .order_by("-confirmed_at")
        .first()
    )


def has_confirmed_device(*, user: User) -> bool:
    return TotpDevice.objects.filter(user=user, confirmed_at__isnull=False).exists()


def totp_device_start(*, user: User) -> TotpDevice:
    """A new, unconfirmed authenticator with a fresh secret (earlier unconfirmed ones go)."""
    TotpDevice.objects.filter(user=user, confirmed_at__isnull=True).delete()
    device = TotpDevice(user=user, secret=pyotp.random_base32(), created_at=clock.now())
    device.full_clean()
    device.save()
    return device


def provisioning_uri(*, device: TotpDevice) -> str:
    return pyotp.TOTP(device.secret).provisioning_uri(
        name=device.user.email or str(device.user.pk), issuer_name=settings.BRAND["card_name"]
    )


def provisioning_qr_svg(*, device: TotpDevice) -> str:
    """The otpauth:// URI as an inline SVG QR code (the CSP allows no scripts or data URIs)."""
    buffer = io.BytesIO()
    segno.make(provisioning_uri(device=device), error="m").save(
        buffer,
        kind="svg",
        xmldecl=False,
        svgns=True,
        nl=False,
        scale=5,
        title="QR code for your authenticator app",
    )
    return buffer.getvalue().decode("utf-8")


def format_secret(secret: str) -> str:
    """The base32 secret in groups of four, as authenticator apps show it."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@transaction.atomic
def totp_device_confirm(*, user: User, device_id: str, code: str) -> list[str] | None:
    """Confirm an authenticator with its first code; return the new recovery codes (shown
    once), or None when the code is wrong. Earlier devices of this person are removed."""
    device = TotpDevice.objects.filter(pk=device_id, user=user, confirmed_at__isnull=True).first()
    if device is None:
        return None
    step = _matching_step(device=device, code=normalise_code(code))
    if step is None or not _consume_step(device=device, step=step):
        return None
    device.confirmed_at = clock.now()
    device.save(update_fields=["confirmed_at"])
    TotpDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    codes = recovery_codes_replace(user=user)
    audit_record(
        event=AuditEventType.ACCOUNT_TWO_FACTOR_ENROL,
        actor=actor_for(user),
        subject_type="user",
        subject_id=str(user.pk),
        data={"device_id": str(device.pk), "recovery_codes": len(codes)},
    )
    return codes


# --- recovery codes -------------------------------------------------------------------
def _recovery_hash(code: str) -> str:
    return blind_index(code, purpose=_RECOVERY_PURPOSE, normalise=normalise_code)


def normalise_code(code: str) -> str:
    """Spaces and dashes dropped, lower case: ``ABCDE-12345`` and ``abcde12345`` match."""
    return re.sub(r"[\s-]", "", code).lower()


def recovery_codes_replace(*, user: User) -> list[str]:
    """Ten new codes (the old ones stop working); the caller shows them once."""
    RecoveryCode.objects.filter(user=user).delete()
    now = clock.now()
    codes = [
        "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(10))
        for _ in range(RECOVERY_CODE_COUNT)
    ]
    RecoveryCode.objects.bulk_create(
        RecoveryCode(user=user, code_hash=_recovery_hash(code), created_at=now) for code in codes
    )
    return [f"{code[:5]}-{code[5:]}" for code in codes]


def recovery_codes_left(*, user: User) -> int:
    return RecoveryCode.objects.filter(user=user, used_at__isnull=True).count()


# --- verifying a code at sign-in ------------------------------------------------------
def second_factor_verify(*, user: User, code: str) -> SecondFactor | None:
    """Accept a current TOTP code (once) or an unused recovery code (once); else None.

    A recovery code used is recorded in the audit log in the same transaction.
    """
    typed = normalise_code(code)
    device = confirmed_device(user=user)
    if device is not None and _TOTP_CODE.fullmatch(typed):
        step = _matching_step(device=device, code=typed)
        if step is not None and _consume_step(device=device, step=step):
            return SecondFactor.TOTP
        return None
    if not _RECOVERY_CODE.fullmatch(typed):
        return None
    with transaction.atomic():
        spent = RecoveryCode.objects.filter(
            user=user, code_hash=_recovery_hash(typed), used_at__isnull=True
        ).update(used_at=clock.now())
        if spent != 1:
            return None
        audit_record(
            event=AuditEventType.ACCOUNT_RECOVERY_CODE_USE,
            actor=actor_for(user),
            subject_type="user",
            subject_id=str(user.pk),
            data={"codes_left": recovery_codes_left(user=user)},
        )
    return SecondFactor.RECOVERY_CODE
