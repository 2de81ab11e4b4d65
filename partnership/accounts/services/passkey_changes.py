"""Adding and removing a passkey, each after the second factor again (step-up): a
one-time code, or (to remove one, or to add another) an existing passkey. Customers
(privacy centre) and staff (their profile page) use the same two services."""

from __future__ import annotations

from collections.abc import MutableMapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.db import IntegrityError, transaction

from partnership.accounts.models import Passkey, User
from partnership.accounts.services.passkeys import (
    SESSION_KEY,
    Refusal,
    passkey_registration_check,
)
from partnership.accounts.services.reauth import (
    ReauthOutcome,
    reauth_check,
    reauth_check_passkey,
)
from partnership.accounts.services.sign_in import SignInClient
from partnership.accounts.services.users import actor_for
from partnership.audit.events import AuditEventType
from partnership.audit.services import audit_record

PASSKEYS_MAX = 10


@dataclass(frozen=True)
class StepUp:
    """The second factor given again: a code, or a passkey's answer to the step-up
    challenge (``assertion``, the browser's JSON)."""

    code: str = ""
    assertion: str = ""


class ChangeOutcome(StrEnum):
    DONE = "done"
    WRONG_CODE = "wrong_code"  # the step-up failed (code or passkey)
    LOCKED = "locked"
    CEREMONY_REFUSED = "ceremony_refused"  # the new passkey's answer did not verify
    TOO_MANY = "too_many"
    NOT_FOUND = "not_found"


def _step_up(
    *,
    user: User,
    step_up: StepUp,
    session: MutableMapping[str, Any],
    client: SignInClient,
    action: str,
) -> ReauthOutcome:
    if step_up.assertion:
        return reauth_check_passkey(
            user=user, credential=step_up.assertion, session=session, client=client, action=action
        )
    return reauth_check(user=user, code=step_up.code, client=client, action=action)


_REAUTH = {ReauthOutcome.LOCKED: ChangeOutcome.LOCKED}


def passkey_add(
    *,
    user: User,
    name: str,
    credential: str,
    step_up: StepUp,
    session: MutableMapping[str, Any],
    client: SignInClient,
) -> tuple[ChangeOutcome, Refusal | None]:
    """Step-up first, then the new passkey's registration answer; stored only if both
    pass. The registration challenge is spent either way."""
    passed = _step_up(
        user=user, step_up=step_up, session=session, client=client, action="passkey_add"
    )
    if passed != ReauthOutcome.PASSED:
        session.pop(SESSION_KEY, None)
        return _REAUTH.get(passed, ChangeOutcome.WRONG_CODE), None
    if Passkey.objects.filter(user=user).count() >= PASSKEYS_MAX:
        return ChangeOutcome.TOO_MANY, None
    verified = passkey_registration_check(
        user=user, name=name, credential=credential, session=session
    )
    if verified.passkey is None:
        return ChangeOutcome.CEREMONY_REFUSED, verified.refusal
    try:
        _save(verified.passkey, user=user, step="passkey" if step_up.assertion else "code")
    except IntegrityError:  # the same credential registered a moment ago
        return ChangeOutcome.CEREMONY_REFUSED, Refusal.DUPLICATE_CREDENTIAL
    return ChangeOutcome.DONE, None


@transaction.atomic
def _save(passkey: Passkey, *, user: User, step: str) -> None:
    passkey.save()
    audit_record(
        event=AuditEventType.ACCOUNT_PASSKEY_ADD,
        actor=actor_for(user),
        subject_type="user",
        subject_id=str(user.pk),
        data={"passkey_id": str(passkey.pk), "step_up": step},
    )


def passkey_remove(
    *,
    user: User,
    passkey_id: str,
    step_up: StepUp,
    session: MutableMapping[str, Any],
    client: SignInClient,
) -> ChangeOutcome:
    """Remove one of this person's passkeys after the step-up; someone else's or a
    missing one is NOT_FOUND (asked before the step-up, so no code is spent on it)."""
    if not Passkey.objects.filter(pk=passkey_id, user=user).exists():
        return ChangeOutcome.NOT_FOUND
    passed = _step_up(
        user=user, step_up=step_up, session=session, client=client, action="passkey_remove"
    )
    if passed != ReauthOutcome.PASSED:
        return _REAUTH.get(passed, ChangeOutcome.WRONG_CODE)
    with transaction.atomic():
        deleted, _ = Passkey.objects.filter(pk=passkey_id, user=user).delete()
        if deleted == 0:
            return ChangeOutcome.NOT_FOUND
        audit_record(
            event=AuditEventType.ACCOUNT_PASSKEY_REMOVE,
            actor=actor_for(user),
            subject_type="user",
            subject_id=str(user.pk),
            data={"passkey_id": passkey_id, "step_up": "passkey" if step_up.assertion else "code"},
        )
    return ChangeOutcome.DONE
