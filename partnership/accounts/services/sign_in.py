"""Signing in: the password step, then the second factor, each throttled and audited.

The same answer and the same work whether or not an account uses the address: an
unknown address is checked against a dummy hash with the same hasher, so exactly one
password verification runs on both paths, and it fails and locks like a real account.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import MutableMapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.db import transaction

from partnership.accounts.identity import login_index
from partnership.accounts.models import SignInEvent, SignInFactor, SignInOutcome, User
from partnership.accounts.services import throttle
from partnership.accounts.services.device_cookies import Trusted, device_cookie_trusted
from partnership.accounts.services.passkeys import Ceremony, passkey_assertion_check
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
    device_token: str = ""  # the device cookie, if the browser sent one


@dataclass(frozen=True)
class Attempt:
    """One attempt's throttling keys: the account, the client, the device cookie."""

    index: str
    client: SignInClient
    trusted: Trusted | None

    @classmethod
    def of(cls, *, index: str, client: SignInClient) -> Attempt:
        trusted = device_cookie_trusted(token=client.device_token, login_index=index)
        return cls(index=index, client=client, trusted=trusted)


class Outcome(StrEnum):
    ACCEPTED = "accepted"
    REFUSED = "refused"  # wrong e-mail, password or code: 400 with the form
    LOCKED = "locked"  # this browser must wait (back-off): 429 with ``retry_at``


@dataclass(frozen=True)
class StepResult:
    outcome: Outcome
    user: User | None = None
    factor: SecondFactor | None = None
    retry_at: dt.datetime | None = None


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


_REFUSED_FACTORS = {"password": SignInFactor.PASSWORD, "passkey": SignInFactor.PASSKEY}


def _refusal(*, step: str, attempt: Attempt, user: User | None) -> StepResult:
    """Count a failure against this browser's counters, record it, and say whether it
    started a back-off."""
    failure = throttle.sign_in_failure_count(
        login_index=attempt.index, client_key=attempt.client.key, trusted=attempt.trusted
    )
    subject_type, subject_id = ("user", str(user.pk)) if user else ("", "")
    with transaction.atomic():
        if user is not None:
            _history(
                user=user,
                outcome=SignInOutcome.WRONG_PASSWORD
                if step == "password"
                else SignInOutcome.WRONG_CODE,
                factor=_REFUSED_FACTORS.get(step, SignInFactor.TOTP),
                client=attempt.client,
            )
        audit_record(
            event=AuditEventType.ACCOUNT_SIGN_IN_FAILURE,
            actor=Actor.system(),
            reason="wrong_credentials" if user else "unknown_account",
            data={"step": step, "trusted": attempt.trusted is not None},
            subject_type=subject_type,
            subject_id=subject_id,
        )
        if failure.locked_now and failure.retry_at is not None:
            audit_record(
                event=AuditEventType.ACCOUNT_SIGN_IN_LOCKOUT,
                actor=Actor.system(),
                reason="backoff",
                data={"seconds": int((failure.retry_at - clock.now()).total_seconds())},
                subject_type=subject_type,
                subject_id=subject_id,
            )
    if failure.locked_now:
        return StepResult(Outcome.LOCKED, user=user, retry_at=failure.retry_at)
    return StepResult(Outcome.REFUSED, user=user)


def _gate(attempt: Attempt) -> StepResult | None:
    """Refuse before any work when this browser's counters say wait."""
    refusal = throttle.sign_in_gate(
        login_index=attempt.index, client_key=attempt.client.key, trusted=attempt.trusted
    )
    if refusal is None:
        return None
    if throttle.refusal_worth_auditing(client_key=attempt.client.key):
        audit_record(
            event=AuditEventType.ACCOUNT_SIGN_IN_THROTTLED,
            actor=Actor.system(),
            reason=refusal.reason,
        )
    return StepResult(Outcome.LOCKED, retry_at=refusal.retry_at)


def sign_in_password_check(*, email: str, password: str, client: SignInClient) -> StepResult:
    """Step 1. ACCEPTED returns the user, who still needs the second factor."""
    attempt = Attempt.of(index=login_index(email), client=client)
    refused = _gate(attempt)
    if refused is not None:
        return refused
    user = User.objects.filter(login_index=attempt.index).first()
    if user is None:
        check_password(password, _dummy_hash(settings.PASSWORD_HASHERS[0]))
        return _refusal(step="password", attempt=attempt, user=None)
    # check_password re-hashes with the current parameters when they have changed.
    if user.check_password(password) and user.is_active:
        return StepResult(Outcome.ACCEPTED, user=user)
    return _refusal(step="password", attempt=attempt, user=user)


def sign_in_code_check(*, user: User, code: str, client: SignInClient) -> StepResult:
    """Step 2: a TOTP code or a recovery code. ACCEPTED means signed in: the caller
    calls ``login`` next. Wrong codes count towards the same lock-out as passwords."""
    attempt = Attempt.of(index=user.login_index, client=client)
    refused = _gate(attempt)
    if refused is not None:
        return refused
    factor = second_factor_verify(user=user, code=code)
    if factor is None:
        return _refusal(step="code", attempt=attempt, user=user)
    sign_in_success_record(user=user, factor=factor, client=client)
    return StepResult(Outcome.ACCEPTED, user=user, factor=factor)


def sign_in_passkey_check(
    *, user: User, credential: str, session: MutableMapping[str, Any], client: SignInClient
) -> StepResult:
    """Step 2 with a passkey: the answer to this session's sign-in challenge. Refused
    answers count towards the same lock-out as wrong codes."""
    attempt = Attempt.of(index=user.login_index, client=client)
    refused = _gate(attempt)
    if refused is not None:
        return refused
    verified = passkey_assertion_check(
        user=user, credential=credential, ceremony=Ceremony.SIGN_IN, session=session
    )
    if verified.passkey is None:
        return _refusal(step="passkey", attempt=attempt, user=user)
    sign_in_success_record(user=user, factor=SecondFactor.PASSKEY, client=client)
    return StepResult(Outcome.ACCEPTED, user=user, factor=SecondFactor.PASSKEY)


_FACTORS = {
    SecondFactor.TOTP: SignInFactor.TOTP,
    SecondFactor.RECOVERY_CODE: SignInFactor.RECOVERY_CODE,
    SecondFactor.REMEMBERED_DEVICE: SignInFactor.REMEMBERED_DEVICE,
    SecondFactor.PASSKEY: SignInFactor.PASSKEY,
}


@transaction.atomic
def sign_in_success_record(*, user: User, factor: SecondFactor, client: SignInClient) -> None:
    attempt = Attempt.of(index=user.login_index, client=client)
    throttle.sign_in_failures_clear(
        login_index=attempt.index, client_key=client.key, trusted=attempt.trusted
    )
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
