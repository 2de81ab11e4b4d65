"""Passkeys (WebAuthn, with the ``webauthn`` package): the two ceremonies and the list.

- Challenges are made here, kept in the server-side session under the ceremony's
  purpose and the person's id, and taken out (so spent) by the first answer, right or
  wrong: a replayed answer finds no challenge. Each lasts
  ``WEBAUTHN_CHALLENGE_TIMEOUT`` seconds.
- The relying party id and the origins a ceremony may come from are settings
  (``WEBAUTHN_RP_ID``, ``WEBAUTHN_ORIGINS``), never the request's own Host header.
- Every refusal is audited with its reason (an enum) and the ceremony, nothing else.
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
from collections.abc import MutableMapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from webauthn import (
    base64url_to_bytes,
    generate_authentication_options,
    generate_registration_options,
    options_to_json,
    verify_authentication_response,
    verify_registration_response,
)
from webauthn.helpers import bytes_to_base64url, parse_authentication_credential_json
from webauthn.helpers.exceptions import WebAuthnException
from webauthn.helpers.structs import (
    AuthenticatorSelectionCriteria,
    AuthenticatorTransport,
    PublicKeyCredentialDescriptor,
    ResidentKeyRequirement,
    UserVerificationRequirement,
)

from partnership.accounts.models import Passkey, User
from partnership.accounts.services.users import actor_for
from partnership.audit.events import AuditEventType
from partnership.audit.services import audit_record
from partnership.core import clock
from partnership.crypto.blind_index import blind_index

SESSION_KEY = "accounts.passkey_challenges"
_INDEX_PURPOSE = "accounts.passkey.credential-id"
CREDENTIAL_MAX = 20_000  # characters of the browser's JSON answer


class Ceremony(StrEnum):
    REGISTER = "register"
    SIGN_IN = "sign_in"
    STEP_UP = "step_up"


class Refusal(StrEnum):
    NO_CHALLENGE = "no_challenge"  # expired, never asked, or already answered (replay)
    MALFORMED = "malformed"
    UNKNOWN_CREDENTIAL = "unknown_credential"
    DUPLICATE_CREDENTIAL = "duplicate_credential"
    WRONG_ORIGIN = "wrong_origin"
    WRONG_RP_ID = "wrong_rp_id"
    WRONG_CHALLENGE = "wrong_challenge"
    SIGN_COUNT = "sign_count"
    INVALID = "invalid"


@dataclass(frozen=True)
class Verified:
    """A ceremony's answer: the passkey (registered or used), or why it was refused."""

    passkey: Passkey | None = None
    refusal: Refusal | None = None


def credential_index(credential_id: bytes) -> str:
    return blind_index(credential_id.hex(), purpose=_INDEX_PURPOSE)


def passkey_list(*, user: User) -> QuerySet[Passkey]:
    return Passkey.objects.filter(user=user).order_by("created_at")


def has_passkey(*, user: User) -> bool:
    return Passkey.objects.filter(user=user).exists()


# --- challenges ---------------------------------------------------------------------------
def _challenge_issue(session: MutableMapping[str, Any], *, ceremony: Ceremony, user: User) -> bytes:
    challenge = secrets.token_bytes(32)
    stored = dict(session.get(SESSION_KEY) or {})
    stored[ceremony.value] = {
        "challenge": bytes_to_base64url(challenge),
        "user_id": str(user.pk),
        "issued_at": clock.now().isoformat(),
    }
    session[SESSION_KEY] = stored
    return challenge


def _challenge_take(
    session: MutableMapping[str, Any], *, ceremony: Ceremony, user: User
) -> bytes | None:
    """The challenge issued to this person for this ceremony, removed; None if there is
    none, it is someone else's, or it is older than the timeout."""
    stored = dict(session.get(SESSION_KEY) or {})
    entry = stored.pop(ceremony.value, None)
    session[SESSION_KEY] = stored
    if not isinstance(entry, dict) or entry.get("user_id") != str(user.pk):
        return None
    try:
        issued = dt.datetime.fromisoformat(entry["issued_at"])
        challenge = _from_base64url(entry["challenge"])
    except (KeyError, TypeError, ValueError):
        return None
    age = (clock.now() - issued).total_seconds()
    return challenge if 0 <= age <= settings.WEBAUTHN_CHALLENGE_TIMEOUT else None


def _from_base64url(value: str) -> bytes:
    return base64url_to_bytes(value)


def _descriptors(user: User) -> list[PublicKeyCredentialDescriptor]:
    descriptors = []
    for passkey in passkey_list(user=user):
        transports = [
            AuthenticatorTransport(t)
            for t in passkey.transports.split(",")
            if t in AuthenticatorTransport._value2member_map_
        ]
        descriptors.append(
            PublicKeyCredentialDescriptor(
                id=_from_base64url(passkey.credential_id), transports=transports or None
            )
        )
    return descriptors


# --- registration -------------------------------------------------------------------------
def passkey_registration_options(*, user: User, session: MutableMapping[str, Any]) -> str:
    """The JSON for ``navigator.credentials.create()``; its challenge kept in the session."""
    challenge = _challenge_issue(session, ceremony=Ceremony.REGISTER, user=user)
    options = generate_registration_options(
        rp_id=settings.WEBAUTHN_RP_ID,
        rp_name=settings.BRAND["card_name"],
        user_id=user.pk.bytes,
        user_name=user.email or str(user.pk),
        user_display_name=user.full_name or user.email or "",
        challenge=challenge,
        timeout=settings.WEBAUTHN_CHALLENGE_TIMEOUT * 1000,
        authenticator_selection=AuthenticatorSelectionCriteria(
            resident_key=ResidentKeyRequirement.PREFERRED,
            user_verification=UserVerificationRequirement.PREFERRED,
        ),
        exclude_credentials=_descriptors(user),
    )
    return options_to_json(options)


def passkey_registration_check(
    *, user: User, name: str, credential: str, session: MutableMapping[str, Any]
) -> Verified:
    """Verify the browser's answer to ``create()``; an unsaved ``Passkey`` when good.
    The challenge is spent whatever the outcome. Refusals are audited."""
    challenge = _challenge_take(session, ceremony=Ceremony.REGISTER, user=user)
    if challenge is None:
        return _refused(user=user, ceremony=Ceremony.REGISTER, refusal=Refusal.NO_CHALLENGE)
    if not credential or len(credential) > CREDENTIAL_MAX:
        return _refused(user=user, ceremony=Ceremony.REGISTER, refusal=Refusal.MALFORMED)
    try:
        result = verify_registration_response(
            credential=credential,
            expected_challenge=challenge,
            expected_rp_id=settings.WEBAUTHN_RP_ID,
            expected_origin=settings.WEBAUTHN_ORIGINS,
        )
    except (WebAuthnException, ValueError, TypeError, KeyError) as error:
        return _refused(user=user, ceremony=Ceremony.REGISTER, refusal=_reason(error))
    index = credential_index(result.credential_id)
    if Passkey.objects.filter(credential_index=index).exists():
        return _refused(user=user, ceremony=Ceremony.REGISTER, refusal=Refusal.DUPLICATE_CREDENTIAL)
    passkey = Passkey(
        user=user,
        name=name,
        credential_index=index,
        credential_id=bytes_to_base64url(result.credential_id),
        public_key=bytes_to_base64url(result.credential_public_key),
        sign_count=result.sign_count,
        transports=_transports(credential),
        created_at=clock.now(),
    )
    passkey.full_clean()
    return Verified(passkey=passkey)


def _transports(credential: str) -> str:
    try:
        listed = json.loads(credential).get("response", {}).get("transports") or []
    except (ValueError, AttributeError):
        return ""
    known = [t for t in listed if t in AuthenticatorTransport._value2member_map_]
    return ",".join(sorted(set(known)))[:100]


# --- authentication (sign-in and step-up) -------------------------------------------------
def passkey_authentication_options(
    *, user: User, ceremony: Ceremony, session: MutableMapping[str, Any]
) -> str:
    """The JSON for ``navigator.credentials.get()``, allowing this person's passkeys."""
    challenge = _challenge_issue(session, ceremony=ceremony, user=user)
    options = generate_authentication_options(
        rp_id=settings.WEBAUTHN_RP_ID,
        challenge=challenge,
        timeout=settings.WEBAUTHN_CHALLENGE_TIMEOUT * 1000,
        allow_credentials=_descriptors(user),
        user_verification=UserVerificationRequirement.PREFERRED,
    )
    return options_to_json(options)


def passkey_assertion_check(
    *, user: User, credential: str, ceremony: Ceremony, session: MutableMapping[str, Any]
) -> Verified:
    """Verify an answer to ``get()`` from one of this person's passkeys; on success the
    sign count moves forward and ``last_used_at`` is set. Refusals are audited."""
    challenge = _challenge_take(session, ceremony=ceremony, user=user)
    if challenge is None:
        return _refused(user=user, ceremony=ceremony, refusal=Refusal.NO_CHALLENGE)
    if not credential or len(credential) > CREDENTIAL_MAX:
        return _refused(user=user, ceremony=ceremony, refusal=Refusal.MALFORMED)
    try:
        parsed = parse_authentication_credential_json(credential)
    except (WebAuthnException, ValueError, TypeError, KeyError):
        return _refused(user=user, ceremony=ceremony, refusal=Refusal.MALFORMED)
    passkey = Passkey.objects.filter(
        user=user, credential_index=credential_index(parsed.raw_id)
    ).first()
    if passkey is None:
        return _refused(user=user, ceremony=ceremony, refusal=Refusal.UNKNOWN_CREDENTIAL)
    try:
        result = verify_authentication_response(
            credential=parsed,
            expected_challenge=challenge,
            expected_rp_id=settings.WEBAUTHN_RP_ID,
            expected_origin=settings.WEBAUTHN_ORIGINS,
            credential_public_key=_from_base64url(passkey.public_key),
            credential_current_sign_count=passkey.sign_count,
        )
    except (WebAuthnException, ValueError, TypeError, KeyError) as error:
        return _refused(user=user, ceremony=ceremony, refusal=_reason(error))
    # Forward only, once: two answers racing with the same count cannot both pass.
    moved = Passkey.objects.filter(pk=passkey.pk, sign_count=passkey.sign_count).update(
        sign_count=result.new_sign_count, last_used_at=clock.now()
    )
    if moved != 1:
        return _refused(user=user, ceremony=ceremony, refusal=Refusal.SIGN_COUNT)
    passkey.refresh_from_db()
    return Verified(passkey=passkey)


_REASONS = (
    ("origin", Refusal.WRONG_ORIGIN),
    ("RP ID", Refusal.WRONG_RP_ID),
    ("challenge", Refusal.WRONG_CHALLENGE),
    ("sign count", Refusal.SIGN_COUNT),
)


def _reason(error: Exception) -> Refusal:
    """Which check the library's verification failed (its messages name them)."""
    message = str(error)
    for words, refusal in _REASONS:
        if words in message:
            return refusal
    return Refusal.INVALID


def _refused(*, user: User, ceremony: Ceremony, refusal: Refusal) -> Verified:
    with transaction.atomic():
        audit_record(
            event=AuditEventType.ACCOUNT_PASSKEY_REFUSE,
            actor=actor_for(user),
            subject_type="user",
            subject_id=str(user.pk),
            reason=refusal.value,
            data={"ceremony": ceremony.value},
        )
    return Verified(refusal=refusal)
