"""Signing in: the password step, then the second factor, each throttled and audited.

The same answer and the same work whether or not an account uses the address: an
unknown address is checked against a dummy hash with the same hasher, so exactly one
password verification runs on both paths, and it fails and locks like a real account.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.db import transaction

from partnership.accounts.identity import login_index
from partnership.accounts.models import SignInEvent, SignInFactor, SignInOutcome, User
from partnership.accounts.services import throttle
from partnership.accounts.services.two_factor import SecondFactor, second_factor_verify
from partnership.accounts.services.users import actor_for
from partnership.audit.events import AuditEventType
from partnership.audit.services import Actor, audit_record
from partnership.core import clock


@dataclass(frozen=True)
class SignInClient:
    """Who is trying, as the view saw it. ``key`` is the keyed hash the limiter uses;
    the address and browser are kept (encrypted) in the person's sign-in history only."""

    key: str
    ip_address: str
    user_agent: str


class Outcome(StrEnum):
    ACCEPTED = "accepted"
    REFUSED = "refused"  # wrong e-mail, password or code: 400 with the form
    LOCKED = "locked"  # this account (or address) is locked: 429
    THROTTLED = "throttled"  # this client, or everyone, failed too often: 429


@dataclass(frozen=True)
class StepResult:
    outcome: Outcome
    user: User | None = None
    factor: SecondFactor | None = None


@cache
def _dummy_hash(hasher: str) -> str:
    # A hash by the current first hasher, so an unknown address costs one verification too.
    return make_password("no account uses this address; this hash only costs time")


def _history(
    *, user: User, outcome: SignInOutcome, factor: SignInFactor, client: SignInClient
) -> None:
    event = SignInEvent(
        user=user,
        occurred_at=clock.now(),
        outcome=outcome,
        factor=factor,
        ip_address=client.ip_address[:64] or None,
        user_agent=client.user_agent[:300] or None,
    )
    event.full_clean()
    event.save()


def _refusal(*, step: str, index: str, user: User | None, client: SignInClient) -> StepResult:
    """Count a failure everywhere, record it, and say whether it locked the account."""
    failure = throttle.sign_in_failure_count(login_index=index, client_key=client.key)
    subject_type, subject_id = ("user", str(user.pk)) if user else ("", "")
    with transaction.atomic():
        if user is not None:
            _history(
                user=user,
                outcome=SignInOutcome.WRONG_PASSWORD
                if step == "password"
                else SignInOutcome.WRONG_CODE,
                factor=SignInFactor.PASSWORD if step == "password" else SignInFactor.TOTP,
                client=client,
            )
        audit_record(
            event=AuditEventType.ACCOUNT_SIGN_IN_FAILURE,
            actor=Actor.system(),
            reason="wrong_credentials" if user else "unknown_account",
            data={"step": step},
            subject_type=subject_type,
            subject_id=subject_id,
        )
        if failure.locked_now:
            audit_record(
                event=AuditEventType.ACCOUNT_SIGN_IN_LOCKOUT,
                actor=Actor.system(),
                reason="too_many_failures",
                data={"minutes": int(throttle.ACCOUNT_LOCK.total_seconds() // 60)},
                subject_type=subject_type,
                subject_id=subject_id,
            )
    return StepResult(Outcome.LOCKED if failure.locked_now else Outcome.REFUSED, user=user)


def _gate(*, index: str, client: SignInClient) -> StepResult | None:
    """Refuse before any work when the client or the account is over its limit."""
    if throttle.sign_in_refused_for_client(client_key=client.key):
        audit_record(
            event=AuditEventType.ACCOUNT_SIGN_IN_THROTTLED,
            actor=Actor.system(),
            reason="client_or_global_limit",
        )
        return StepResult(Outcome.THROTTLED)
    if throttle.account_locked_until(login_index=index) is not None:
        return StepResult(Outcome.LOCKED)
    return None


def sign_in_password_check(*, email: str, password: str, client: SignInClient) -> StepResult:
    """Step 1. ACCEPTED returns the user, who still needs the second factor."""
    index = login_index(email)
    refused = _gate(index=index, client=client)
    if refused is not None:
        return refused
    user = User.objects.filter(login_index=index).first()
    if user is None:
        check_password(password, _dummy_hash(settings.PASSWORD_HASHERS[0]))
        return _refusal(step="password", index=index, user=None, client=client)
    # check_password re-hashes with the current parameters when they have changed.
    if user.check_password(password) and user.is_active:
        return StepResult(Outcome.ACCEPTED, user=user)
    return _refusal(step="password", index=index, user=user, client=client)


def sign_in_code_check(*, user: User, code: str, client: SignInClient) -> StepResult:
    """Step 2: a TOTP code or a recovery code. ACCEPTED means signed in: the caller
    calls ``login`` next. Wrong codes count towards the same lock-out as passwords."""
    refused = _gate(index=user.login_index, client=client)
    if refused is not None:
        return refused
    factor = second_factor_verify(user=user, code=code)
    if factor is None:
        return _refusal(step="code", index=user.login_index, user=user, client=client)
    sign_in_success_record(user=user, factor=factor, client=client)
    return StepResult(Outcome.ACCEPTED, user=user, factor=factor)


_FACTORS = {
    SecondFactor.TOTP: SignInFactor.TOTP,
    SecondFactor.RECOVERY_CODE: SignInFactor.RECOVERY_CODE,
    SecondFactor.REMEMBERED_DEVICE: SignInFactor.REMEMBERED_DEVICE,
}


@transaction.atomic
def sign_in_success_record(*, user: User, factor: SecondFactor, client: SignInClient) -> None:
    throttle.sign_in_failures_clear(login_index=user.login_index)
    _history(
        user=user,
        outcome=SignInOutcome.SUCCESS,
        factor=_FACTORS[factor],
        client=client,
    )
    audit_record(
        event=AuditEventType.ACCOUNT_SIGN_IN_SUCCESS,
        actor=actor_for(user),
        subject_type="user",
        subject_id=str(user.pk),
        data={"factor": str(factor)},
    )


def sign_out_record(*, user: User) -> None:
    audit_record(
        event=AuditEventType.ACCOUNT_SIGN_OUT,
        actor=actor_for(user),
        subject_type="user",
        subject_id=str(user.pk),
    )


def session_expiry_record(*, user: User, reason: str) -> None:
    audit_record(
        event=AuditEventType.ACCOUNT_SESSION_EXPIRE,
        actor=Actor.system(),
        subject_type="user",
        subject_id=str(user.pk),
        reason=reason,
    )
