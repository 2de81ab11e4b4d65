"""Asking a signed-in person to prove it again (a code, sometimes the password too)
before a change that could hand the account to someone else: contact details, the
password. Wrong answers count towards the same lock-out as sign-in, so a stolen
session is no way to guess codes."""

from __future__ import annotations

from collections.abc import MutableMapping
from enum import StrEnum
from typing import Any

from django.db import transaction

from partnership.accounts.models import User
from partnership.accounts.services import throttle
from partnership.accounts.services.passkeys import Ceremony, passkey_assertion_check
from partnership.accounts.services.sign_in import Attempt, SignInClient
from partnership.accounts.services.two_factor import second_factor_verify
from partnership.audit.events import AuditEventType
from partnership.audit.services import Actor, audit_record


class ReauthOutcome(StrEnum):
    PASSED = "passed"
    WRONG_PASSWORD = "wrong_password"  # noqa: S105
    WRONG_CODE = "wrong_code"
    LOCKED = "locked"


def reauth_check(
    *, user: User, code: str, client: SignInClient, action: str, password: str | None = None
) -> ReauthOutcome:
    """The password (when given) and a one-time code (TOTP or recovery code), each
    spent once. ``action`` names what was being done, for the audit event."""
    attempt = Attempt.of(index=user.login_index, client=client)
    refusal = throttle.sign_in_gate(
        login_index=attempt.index, client_key=client.key, trusted=attempt.trusted
    )
    if refusal is not None:
        return ReauthOutcome.LOCKED
    if password is not None and not user.check_password(password):
        return _failure(user=user, attempt=attempt, action=action, step="password")
    if second_factor_verify(user=user, code=code) is None:
        return _failure(user=user, attempt=attempt, action=action, step="code")
    return ReauthOutcome.PASSED


def reauth_check_passkey(
    *,
    user: User,
    credential: str,
    session: MutableMapping[str, Any],
    client: SignInClient,
    action: str,
) -> ReauthOutcome:
    """A passkey as the second factor again: an answer to the step-up challenge this
    session was given. A refused answer counts like a wrong code."""
    attempt = Attempt.of(index=user.login_index, client=client)
    refusal = throttle.sign_in_gate(
        login_index=attempt.index, client_key=client.key, trusted=attempt.trusted
    )
    if refusal is not None:
        return ReauthOutcome.LOCKED
    verified = passkey_assertion_check(
        user=user, credential=credential, ceremony=Ceremony.STEP_UP, session=session
    )
    if verified.passkey is None:
        return _failure(user=user, attempt=attempt, action=action, step="passkey")
    return ReauthOutcome.PASSED


def _failure(*, user: User, attempt: Attempt, action: str, step: str) -> ReauthOutcome:
    failure = throttle.sign_in_failure_count(
        login_index=attempt.index, client_key=attempt.client.key, trusted=attempt.trusted
    )
    outcome = ReauthOutcome.WRONG_PASSWORD if step == "password" else ReauthOutcome.WRONG_CODE
    with transaction.atomic():
        audit_record(
            event=AuditEventType.ACCOUNT_REAUTH_FAILURE,
            actor=Actor.staff(user.pk) if user.is_staff else Actor.customer(user.pk),
            subject_type="user",
            subject_id=str(user.pk),
            reason=outcome.value,
            data={"action": action},
        )
        if failure.locked_now:
            audit_record(
                event=AuditEventType.ACCOUNT_SIGN_IN_LOCKOUT,
                actor=Actor.system(),
                subject_type="user",
                subject_id=str(user.pk),
                reason="backoff",
                data={"action": action},
            )
    return ReauthOutcome.LOCKED if failure.locked_now else outcome
