"""One person's account data for the privacy engines: each category's export and
erasure (identity, contact details and credentials only when no legal hold applies),
and the look-up of the person by e-mail. Declared in ``personal_data.py``."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.db.models import QuerySet

from partnership.accounts.devices import device_label
from partnership.accounts.identity import LOGIN_INDEX_PURPOSE
from partnership.accounts.models import (
    CustomerProfile,
    Passkey,
    RecoveryCode,
    SignInEvent,
    TotpDevice,
    User,
)
from partnership.core import clock
from partnership.privacy.erase_rows import erase_unless_held
from partnership.privacy.inventory import ErasureOutcome, LegalHold
from partnership.privacy.subjects import DataSubject

# Money Laundering Regulations 2017 reg. 40: customer due-diligence records for 5 years
# after the relationship ends. We keep identity and contact details 6 years after an
# account closes (the Limitation Act 1980's period for claims on the contract), then
# delete them.
ACCOUNT_RETENTION = dt.timedelta(days=6 * 366)
HOLD_AML = LegalHold(
    "mlr-2017-reg-40",
    "Money Laundering Regulations 2017, reg. 40 (customer due-diligence records)",
    "5 years after the customer relationship ends (we keep 6, the Limitation Act period)",
)
HOLD_OPEN = LegalHold(
    "account-open",
    "UK GDPR Art. 6(1)(b) and 17(3): the card agreement is still in force",
    "until the account is closed",
)


def subject_users(subject: DataSubject) -> QuerySet[User]:
    """The account of ``subject`` (none when they have no account)."""
    if subject.user_id is None:
        return User.objects.none()
    return User.objects.filter(pk=subject.user_id)


def rows_erase(rows: QuerySet[Any]) -> ErasureOutcome:
    """Delete all of ``rows`` (one person's, under no legal hold), saying which went."""
    ids = tuple(str(pk) for pk in rows.values_list("pk", flat=True))
    rows.delete()
    return ErasureOutcome(erased_ids=ids)


def _hold_for(user: User, *, now: dt.datetime) -> LegalHold | None:
    if user.closed_at is None:
        return HOLD_OPEN
    if user.closed_at > now - ACCOUNT_RETENTION:
        return HOLD_AML
    return None


# --- identity -----------------------------------------------------------------------------
def identity_export(subject: DataSubject) -> list[dict[str, Any]]:
    return [
        {
            "user_id": user.pk,
            "email": user.email,
            "full_name": user.full_name,
            "date_of_birth": user.date_of_birth,
            "kind": "staff" if user.is_staff else "customer",
            "created_at": user.created_at,
            "last_sign_in": user.last_login,
            "closed_at": user.closed_at,
            "privacy_policy_version_seen": user.policy_version_seen,
            "privacy_policy_seen_at": user.policy_seen_at,
        }
        for user in subject_users(subject)
    ]


def identity_erase(subject: DataSubject) -> ErasureOutcome:
    now = clock.now()
    return erase_unless_held(
        subject_users(subject).select_for_update(), lambda user: _hold_for(user, now=now)
    )


# --- contact details ----------------------------------------------------------------------
def contact_export(subject: DataSubject) -> list[dict[str, Any]]:
    return [
        {
            "postal_address": profile.postal_address,
            "postcode": profile.postcode,
            "phone": profile.phone,
            "updated_at": profile.updated_at,
        }
        for profile in CustomerProfile.objects.filter(user__in=subject_users(subject))
    ]


def contact_erase(subject: DataSubject) -> ErasureOutcome:
    now = clock.now()
    profiles = CustomerProfile.objects.filter(user__in=subject_users(subject)).select_related(
        "user"
    )
    return erase_unless_held(profiles, lambda profile: _hold_for(profile.user, now=now))


# --- sign-in history ----------------------------------------------------------------------
def sign_in_export(subject: DataSubject) -> list[dict[str, Any]]:
    return [
        {
            "occurred_at": event.occurred_at,
            "outcome": event.outcome,
            "factor": event.factor,
            "device": device_label(event.user_agent),
            "ip_address": event.ip_address,
            "browser": event.user_agent,
        }
        for event in SignInEvent.objects.filter(user__in=subject_users(subject))
    ]


def sign_in_erase(subject: DataSubject) -> ErasureOutcome:
    return rows_erase(SignInEvent.objects.filter(user__in=subject_users(subject)))


# --- security credentials: metadata only, never a secret ----------------------------------
def credentials_export(subject: DataSubject) -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = []
    for user in subject_users(subject):
        unused = RecoveryCode.objects.filter(user=user, used_at__isnull=True).count()
        for device in TotpDevice.objects.filter(user=user).order_by("created_at"):
            records.append(
                {
                    "kind": "authenticator_app",
                    "added_at": device.created_at,
                    "confirmed_at": device.confirmed_at,
                    "last_used_at": device.last_used_at,
                    "recovery_codes_unused": unused,
                }
            )
    return records


def credentials_erase(subject: DataSubject) -> ErasureOutcome:
    """Credentials go with the account: erased only when its identity can be."""
    now = clock.now()
    devices = TotpDevice.objects.filter(user__in=subject_users(subject)).select_related("user")
    return erase_unless_held(devices, lambda device: _hold_for(device.user, now=now))


# --- passkeys: names and dates only, never a key or a credential id ----------------------
def passkeys_export(subject: DataSubject) -> list[dict[str, Any]]:
    return [
        {"name": passkey.name, "added_at": passkey.created_at, "last_used_at": passkey.last_used_at}
        for passkey in Passkey.objects.filter(user__in=subject_users(subject)).order_by(
            "created_at"
        )
    ]


def passkeys_erase(subject: DataSubject) -> ErasureOutcome:
    """Kept while the account is open (it signs the person in); once it is closed a
    passkey is no record the law asks us to keep, so it goes at once."""
    passkeys = Passkey.objects.filter(user__in=subject_users(subject)).select_related("user")
    return erase_unless_held(
        passkeys, lambda passkey: HOLD_OPEN if passkey.user.closed_at is None else None
    )


def user_id_for_subject(subject: DataSubject) -> uuid.UUID | None:
    found: uuid.UUID | None = (
        User.objects.filter(login_index=subject.email_index(purpose=LOGIN_INDEX_PURPOSE))
        .values_list("pk", flat=True)
        .first()
    )
    return found
