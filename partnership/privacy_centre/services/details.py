"""Correcting one's own details (UK GDPR Art. 16): name, e-mail, address, postcode and
phone, always with a one-time code; audited with the names of the fields changed."""

from __future__ import annotations

from dataclasses import dataclass, fields
from enum import StrEnum

from django.db import IntegrityError, transaction

from partnership.accounts.identity import login_index
from partnership.accounts.models import CustomerProfile, User
from partnership.accounts.services.reauth import ReauthOutcome, reauth_check
from partnership.accounts.services.sign_in import SignInClient
from partnership.audit.events import AuditEventType
from partnership.audit.services import Actor, audit_record
from partnership.crypto.blind_index import normalise_email
from partnership.privacy import recipients
from partnership.privacy.subjects import DataSubject

# The inventory category each corrected field belongs to (accounts/personal_data.py).
CATEGORY_OF_FIELD = {
    "full_name": "identity",
    "email": "identity",
    "postal_address": "contact_details",
    "postcode": "contact_details",
    "phone": "contact_details",
}


@dataclass(frozen=True)
class CustomerDetails:
    full_name: str
    email: str
    postal_address: str
    postcode: str
    phone: str


class DetailsOutcome(StrEnum):
    CHANGED = "changed"
    NOTHING_CHANGED = "nothing_changed"
    EMAIL_UNAVAILABLE = "email_unavailable"
    WRONG_CODE = "wrong_code"
    LOCKED = "locked"


@dataclass(frozen=True)
class DetailsResult:
    outcome: DetailsOutcome
    changed: tuple[str, ...] = ()


def _profile(user: User) -> CustomerProfile:
    return CustomerProfile.objects.filter(user=user).first() or CustomerProfile(user=user)


def customer_details_current(*, user: User) -> CustomerDetails:
    profile = _profile(user)
    return CustomerDetails(
        full_name=user.full_name or "",
        email=user.email or "",
        postal_address=profile.postal_address or "",
        postcode=profile.postcode or "",
        phone=profile.phone or "",
    )


def customer_details_changes(*, user: User, details: CustomerDetails) -> tuple[str, ...]:
    """The names of the fields ``details`` would change (the e-mail by its normal form
    *and* as typed, so fixing its capitals is a change too)."""
    current = customer_details_current(user=user)
    return tuple(
        field.name
        for field in fields(CustomerDetails)
        if getattr(details, field.name) != getattr(current, field.name)
    )


def customer_details_correct(
    *, user: User, details: CustomerDetails, code: str, client: SignInClient
) -> DetailsResult:
    """Check the code, then change everything or nothing.

    The code comes first, so that without it nobody can learn whether an e-mail
    address is in use; an address another account uses is refused without saying whose.
    """
    if user.is_staff:
        raise ValueError("staff details are managed by administrators")
    changed = customer_details_changes(user=user, details=details)
    if not changed:
        return DetailsResult(DetailsOutcome.NOTHING_CHANGED)
    passed = reauth_check(user=user, code=code, client=client, action="details_correct")
    if passed == ReauthOutcome.LOCKED:
        return DetailsResult(DetailsOutcome.LOCKED)
    if passed != ReauthOutcome.PASSED:
        return DetailsResult(DetailsOutcome.WRONG_CODE)
    new_index = login_index(details.email)
    if User.objects.filter(login_index=new_index).exclude(pk=user.pk).exists():
        return DetailsResult(DetailsOutcome.EMAIL_UNAVAILABLE)
    try:
        _apply(user=user, details=details, new_index=new_index, changed=changed)
    except IntegrityError:  # another account took the address a moment ago
        user.refresh_from_db()
        return DetailsResult(DetailsOutcome.EMAIL_UNAVAILABLE)
    return DetailsResult(DetailsOutcome.CHANGED, changed)


@transaction.atomic
def _apply(
    *, user: User, details: CustomerDetails, new_index: str, changed: tuple[str, ...]
) -> None:
    # Art. 19: recipients are found, and told, by the values they were given.
    touched = tuple(dict.fromkeys(CATEGORY_OF_FIELD[name] for name in changed))
    subject = DataSubject(email=normalise_email(user.email or ""), user_id=user.pk)
    recipients.data_changed(
        recipients.DataChange(recipients.ChangeKind.CORRECTION, subject, touched)
    )
    user.full_name = details.full_name or None
    user.email = details.email
    user.login_index = new_index
    user.full_clean()
    user.save(update_fields=["full_name", "email", "login_index"])
    profile = _profile(user)
    profile.postal_address = details.postal_address or None
    profile.postcode = details.postcode or None
    profile.phone = details.phone or None
    profile.full_clean()
    profile.save()
    audit_record(
        event=AuditEventType.ACCOUNT_DETAILS_CORRECT,
        actor=Actor.customer(user.pk),
        subject_type="user",
        subject_id=str(user.pk),
        data={"fields": ":".join(changed), "email_index_changed": "email" in changed},
    )
