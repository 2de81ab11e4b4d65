"""The detail a marketing recipient knows a customer by, for Art. 19 notices.

A marketing export gives a Partnership company only the columns of its channel
(``compliance.marketing.models.CHANNEL_COLUMNS``): the notice names the person by the
channel's own detail — the e-mail address, the postcode with the name, or the phone
number — read as it stands before the change is written.
"""

from __future__ import annotations

from collections.abc import Callable

from partnership.accounts.models import CustomerProfile, User
from partnership.privacy import recipients
from partnership.privacy.subjects import DataSubject


def _user(subject: DataSubject) -> User | None:
    if subject.user_id is None:
        return None
    return User.objects.filter(pk=subject.user_id).first()


def _profile(subject: DataSubject) -> CustomerProfile | None:
    if subject.user_id is None:
        return None
    return CustomerProfile.objects.filter(user_id=subject.user_id).first()


def by_email(subject: DataSubject) -> str | None:
    user = _user(subject)
    return f"e-mail address {user.email}" if user and user.email else None


def by_post(subject: DataSubject) -> str | None:
    user, profile = _user(subject), _profile(subject)
    if user is None or profile is None or not profile.postcode:
        return None
    return f"{user.full_name or 'the addressee'} at postcode {profile.postcode}"


def by_phone(subject: DataSubject) -> str | None:
    profile = _profile(subject)
    return f"phone number {profile.phone}" if profile and profile.phone else None


FINDERS: dict[str, Callable[[DataSubject], str | None]] = {
    "email": by_email,
    "post": by_post,
    "phone": by_phone,
    "sms": by_phone,
}


def register() -> None:
    for name, find in FINDERS.items():
        recipients.register_identifier(recipients.IdentifierSource(name, find))
