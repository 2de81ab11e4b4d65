"""What the data inventory, the retention engine and subject look-up know about accounts."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.db.models import QuerySet

from partnership.accounts.devices import device_label
from partnership.accounts.identity import LOGIN_INDEX_PURPOSE
from partnership.accounts.models import (
    CustomerProfile,
    RecoveryCode,
    SignInEvent,
    TotpDevice,
    User,
)
from partnership.core import clock
from partnership.privacy import inventory, retention
from partnership.privacy.erase_rows import erase_unless_held
from partnership.privacy.inventory import (
    ErasureOutcome,
    InventoryEntry,
    LawfulBasis,
    LegalHold,
    PersonalField,
)
from partnership.privacy.subjects import DataSubject, register_subject_resolver

# Money Laundering Regulations 2017 reg. 40: customer due-diligence records for 5 years
# after the relationship ends. We keep identity and contact details 6 years after an
# account closes (the Limitation Act 1980's period for claims on the contract), then
# delete them.
ACCOUNT_RETENTION = dt.timedelta(days=6 * 366)
# 13 months: a customer can review a full year of sign-ins (and the month of a yearly
# statement), and fraud investigations of card disputes, raised within 120 days of a
# transaction, have the history they need. Longer would keep addresses for no purpose.
SIGN_IN_RETENTION = dt.timedelta(days=396)
# An authenticator set-up abandoned half-way (never confirmed) holds a secret for no one.
UNCONFIRMED_DEVICE_RETENTION = dt.timedelta(days=1)

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


def _users(subject: DataSubject) -> QuerySet[User]:
    if subject.user_id is None:
        return User.objects.none()
    return User.objects.filter(pk=subject.user_id)


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
        for user in _users(subject)
    ]


def identity_erase(subject: DataSubject) -> ErasureOutcome:
    now = clock.now()
    return erase_unless_held(
        _users(subject).select_for_update(), lambda user: _hold_for(user, now=now)
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
        for profile in CustomerProfile.objects.filter(user__in=_users(subject))
    ]


def contact_erase(subject: DataSubject) -> ErasureOutcome:
    now = clock.now()
    profiles = CustomerProfile.objects.filter(user__in=_users(subject)).select_related("user")
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
        for event in SignInEvent.objects.filter(user__in=_users(subject))
    ]


def sign_in_erase(subject: DataSubject) -> ErasureOutcome:
    events = SignInEvent.objects.filter(user__in=_users(subject))
    ids = tuple(str(pk) for pk in events.values_list("pk", flat=True))
    events.delete()
    return ErasureOutcome(erased_ids=ids)


# --- security credentials: metadata only, never a secret ----------------------------------
def credentials_export(subject: DataSubject) -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = []
    for user in _users(subject):
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
    devices = TotpDevice.objects.filter(user__in=_users(subject)).select_related("user")
    return erase_unless_held(devices, lambda device: _hold_for(device.user, now=now))


def user_id_for_subject(subject: DataSubject) -> uuid.UUID | None:
    found: uuid.UUID | None = (
        User.objects.filter(login_index=subject.email_index(purpose=LOGIN_INDEX_PURPOSE))
        .values_list("pk", flat=True)
        .first()
    )
    return found


_CONTRACT = LawfulBasis.CONTRACT
_FRAUD = LawfulBasis.LEGITIMATE_INTERESTS

ENTRIES = (
    InventoryEntry(
        model=User,
        category="identity",
        description=(
            "Who you are and how you sign in: your e-mail address, name and date of birth."
        ),
        fields=(
            PersonalField(
                "email",
                "E-mail address",
                "To sign you in and write to you.",
                _CONTRACT,
                encrypted=True,
            ),
            PersonalField(
                "full_name",
                "Name",
                "To address you and identify you when you call.",
                _CONTRACT,
                encrypted=True,
            ),
            PersonalField(
                "date_of_birth",
                "Date of birth",
                "To confirm who you are; the law requires it for credit.",
                LawfulBasis.LEGAL_OBLIGATION,
                encrypted=True,
            ),
        ),
        retention_rule="account-identity",
        legal_holds=(HOLD_AML, HOLD_OPEN),
        export=identity_export,
        erase=identity_erase,
    ),
    InventoryEntry(
        model=CustomerProfile,
        category="contact_details",
        description="Your postal address and phone number.",
        fields=(
            PersonalField(
                "postal_address",
                "Postal address",
                "To send statements and your card.",
                _CONTRACT,
                encrypted=True,
            ),
            PersonalField(
                "postcode", "Postcode", "Part of your address.", _CONTRACT, encrypted=True
            ),
            PersonalField(
                "phone",
                "Phone number",
                "To reach you about your account, for example about fraud.",
                _CONTRACT,
                encrypted=True,
            ),
        ),
        retention_rule="account-contact-details",
        legal_holds=(HOLD_AML, HOLD_OPEN),
        export=contact_export,
        erase=contact_erase,
    ),
    InventoryEntry(
        model=SignInEvent,
        category="sign_in_history",
        description=(
            "Each time someone signed in to your account or tried to: when, the outcome, "
            "and the internet address and browser used."
        ),
        fields=(
            PersonalField(
                "occurred_at", "Time", "To show you your sign-in history.", _FRAUD, encrypted=False
            ),
            PersonalField(
                "outcome",
                "Outcome",
                "To spot attempts to break into your account.",
                _FRAUD,
                encrypted=False,
            ),
            PersonalField(
                "ip_address",
                "Internet address",
                "To investigate fraud on your account.",
                _FRAUD,
                encrypted=True,
            ),
            PersonalField(
                "user_agent",
                "Browser",
                "To help you recognise your own sign-ins.",
                _FRAUD,
                encrypted=True,
            ),
        ),
        retention_rule="sign-in-history",
        export=sign_in_export,
        erase=sign_in_erase,
    ),
    InventoryEntry(
        model=TotpDevice,
        category="security_credentials",
        description=(
            "Your authenticator app and recovery codes. The export lists when they were "
            "set up and used, never the secrets themselves."
        ),
        fields=(
            PersonalField(
                "secret",
                "Authenticator key",
                "To check the codes your app shows.",
                _CONTRACT,
                encrypted=True,
            ),
        ),
        retention_rule="unconfirmed-authenticators",
        legal_holds=(HOLD_AML, HOLD_OPEN),
        export=credentials_export,
        erase=credentials_erase,
    ),
)

RULES = (
    retention.TableRule(
        name="account-identity",
        description=(
            "6 years after the account closes (anti-money-laundering records), then "
            "deleted with everything that depends on it."
        ),
        queryset=lambda: User.objects.filter(closed_at__isnull=False),
        aged_by="closed_at",
        period=ACCOUNT_RETENTION,
    ),
    retention.TableRule(
        name="account-contact-details",
        description="As long as the account, and 6 years after it closes.",
        queryset=lambda: CustomerProfile.objects.filter(user__closed_at__isnull=False),
        aged_by="user__closed_at",
        period=ACCOUNT_RETENTION,
    ),
    retention.TableRule(
        name="sign-in-history",
        description=(
            "13 months from each sign-in: a year of history for you to review, and "
            "enough for fraud investigations."
        ),
        queryset=SignInEvent.objects.all,
        aged_by="occurred_at",
        period=SIGN_IN_RETENTION,
    ),
    retention.TableRule(
        name="unconfirmed-authenticators",
        description=(
            "An authenticator set-up never completed is deleted after a day; a "
            "confirmed one lasts as long as the account."
        ),
        queryset=lambda: TotpDevice.objects.filter(confirmed_at__isnull=True),
        aged_by="created_at",
        period=UNCONFIRMED_DEVICE_RETENTION,
    ),
)


def register() -> None:
    for entry in ENTRIES:
        inventory.register(entry)
    for rule in RULES:
        retention.register(rule)
    register_subject_resolver("accounts.email", user_id_for_subject)
