"""An approved application becomes a customer: the person, their contact details,
their marketing choice, their paper or paperless statements, and an invitation to set
a password and enrol two-factor.

The person is created without a usable password (``user_create`` needs one, and
checking a made-up password against the breached-password service inside the
submission would be a network call for nothing): the invitation is a password-reset
link from Django's token generator, so the existing reset flow sets the password, and
the first sign-in then asks the new customer to enrol an authenticator.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator

from partnership.accounts.identity import login_index
from partnership.accounts.models import CustomerProfile, MarketingChannel, MarketingSource, User
from partnership.accounts.services.password_reset import password_reset_path
from partnership.alerts.services.choices import statement_preference_save
from partnership.applications.services.applicant import ApplicationInput
from partnership.audit.events import AuditEventType
from partnership.audit.services import Actor, audit_record
from partnership.core import clock
from partnership.core.mail import email_send
from partnership.policy.selectors import policy_in_force
from partnership.privacy_centre.services.marketing import marketing_choices_record

logger = logging.getLogger(__name__)


def customer_from_application(*, data: ApplicationInput) -> User:
    """Create the customer (call inside the submission's transaction)."""
    user = User(
        login_index=login_index(data.email),
        email=data.email,
        full_name=f"{data.first_name} {data.last_name}",
        date_of_birth=data.date_of_birth,
    )
    user.set_unusable_password()
    policy = policy_in_force()
    if policy is not None:
        # They read the notice (and the policy it links) when applying.
        user.policy_version_seen, user.policy_seen_at = policy.number, clock.now()
    user.full_clean()
    user.save(force_insert=True)
    current = data.addresses[0]
    profile = CustomerProfile(
        user=user,
        postal_address=current.address,
        postcode=current.postcode,
        phone=data.phone,
    )
    profile.full_clean()
    profile.save(force_insert=True)
    audit_record(
        event=AuditEventType.ACCOUNT_USER_CREATE,
        actor=Actor.system(),
        subject_type="user",
        subject_id=str(user.pk),
        reason="application",
        data={"kind": "customer", "groups": 0},
    )
    marketing_choices_record(
        user=user,
        choices={
            MarketingChannel.EMAIL: data.marketing_email,
            MarketingChannel.POST: data.marketing_post,
        },
        source=MarketingSource.APPLICATION,
        actor=Actor.system(),
    )
    statement_preference_save(user=user, paperless=data.statements_paperless, actor=Actor.system())
    return user


def invitation_link(*, user: User, site_url: str) -> str:
    return site_url + password_reset_path(user=user, token=default_token_generator.make_token(user))


def invitation_send(*, address: str, link: str, site_url: str = "") -> None:
    """The welcome e-mail: the link and what to do, nothing of the application."""
    try:
        email_send(
            template="applications/email/invitation",
            context={"link": link, "hours": settings.PASSWORD_RESET_TIMEOUT // 3600},
            subject=f"Welcome to {settings.BRAND['card_name']}: set up your sign-in",
            to=[address],
            site_url=site_url,
        )
    except OSError:
        # The application stands; the customer can ask for a reset link themselves.
        logger.exception("invitation e-mail not sent")
