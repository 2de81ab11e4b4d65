"""Creating people and changing their passwords."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.db import transaction

from partnership.accounts.identity import login_index
from partnership.accounts.models import CustomerProfile, User
from partnership.audit.events import AuditEventType
from partnership.audit.services import Actor, audit_record
from partnership.core import clock
from partnership.policy.selectors import policy_in_force


@dataclass(frozen=True)
class ContactDetails:
    postal_address: str = ""
    postcode: str = ""
    phone: str = ""


def actor_for(user: User) -> Actor:
    return Actor.staff(user.pk) if user.is_staff else Actor.customer(user.pk)


@transaction.atomic
def user_create(
    *,
    email: str,
    password: str,
    full_name: str = "",
    date_of_birth: dt.date | None = None,
    contact: ContactDetails | None = None,
    is_staff: bool = False,
    groups: tuple[str, ...] = (),
    actor: Actor | None = None,
) -> User:
    """A customer (with a contact-details profile) or a member of staff (in ``groups``).

    The password must pass every validator (``ValidationError`` otherwise); nothing is
    written unless all is valid.
    """
    user = User(
        login_index=login_index(email),
        email=email.strip(),
        full_name=full_name or None,
        date_of_birth=date_of_birth,
        is_staff=is_staff,
    )
    validate_password(password, user=user)
    user.set_password(password)
    policy = None if is_staff else policy_in_force()
    if policy is not None:
        # A new customer read the policy in force when applying: recorded silently, so
        # the sign-in notice (privacy_centre/services/policy_notice.py) only shows later versions.
        user.policy_version_seen, user.policy_seen_at = policy.number, clock.now()
    user.full_clean()
    user.save()
    if not is_staff:
        _profile_create(user=user, contact=contact or ContactDetails())
    if groups:
        user.groups.set(Group.objects.filter(name__in=groups))
    audit_record(
        event=AuditEventType.ACCOUNT_USER_CREATE,
        actor=actor or Actor.system(),
        subject_type="user",
        subject_id=str(user.pk),
        data={"kind": "staff" if is_staff else "customer", "groups": len(groups)},
    )
    return user


def _profile_create(*, user: User, contact: ContactDetails) -> CustomerProfile:
    """A customer's contact details, kept apart from the identity (staff have none)."""
    profile = CustomerProfile(
        user=user,
        postal_address=contact.postal_address or None,
        postcode=contact.postcode or None,
        phone=contact.phone or None,
    )
    profile.full_clean()
    profile.save()
    return profile


@transaction.atomic
def password_change(*, user: User, new_password: str) -> None:
    """Set a new password (validated); every other session of this person ends, because
    Django's session hash is derived from the password hash."""
    validate_password(new_password, user=user)
    user.set_password(new_password)
    user.save(update_fields=["password"])
    audit_record(
        event=AuditEventType.ACCOUNT_PASSWORD_CHANGE,
        actor=actor_for(user),
        subject_type="user",
        subject_id=str(user.pk),
    )
