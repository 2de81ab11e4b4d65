"""Factories for the back office's tests."""

from __future__ import annotations

from django.test import Client

from partnership.accounts.models import MarketingConsent, User
from partnership.accounts.staff_access import AccessReason
from partnership.accounts.tests.support import sign_in, staff_make
from partnership.backoffice import access
from partnership.backoffice.models import AccessGrant
from partnership.backoffice.services.grants import access_grant_create
from partnership.compliance.complaints.models import Complaint, ComplaintTopic, ReplyPreference
from partnership.compliance.complaints.services import ComplaintInput, complaint_submit
from partnership.compliance.notifications.models import RecipientNotification
from partnership.compliance.rights.models import RightsRequest, RightsRequestKind
from partnership.compliance.rights.services import RightsRequestInput, rights_request_receive
from partnership.core import clock


def complaint_make(email: str = "complainer.test@example.com") -> Complaint:
    return complaint_submit(
        data=ComplaintInput(
            name="Carol Complainer",
            email=email,
            phone="",
            topic=ComplaintTopic.CARD_ACCOUNT,
            details="My statement was late.",
            reply_preference=ReplyPreference.EMAIL,
        )
    )


def agent(email: str = "agent.test@example.com") -> tuple[Client, User]:
    client = Client()
    user = staff_make(email, group=access.CUSTOMER_SERVICE_AGENT)
    sign_in(client, user)
    return client, user


def grant_make(*, staff: User, customer: User) -> AccessGrant:
    return access_grant_create(
        staff=staff,
        customer=customer,
        reason_category=AccessReason.CUSTOMER_CALL,
        reason_text="Customer called about a payment.",
    )


def rights_request_make(
    user: User, kind: RightsRequestKind = RightsRequestKind.ACCESS
) -> RightsRequest:
    request, _ = rights_request_receive(
        data=RightsRequestInput(kind=kind, user_id=user.pk, email=user.email or "")
    )
    return request


def notification_make(user: User) -> RecipientNotification:
    """An Art. 19 notification about ``user``, as a processor would get one."""
    notification = RecipientNotification(
        user_id=user.pk,
        change="erasure",
        categories=["identity"],
        recipient_kind="processor",
        recipient_id="1",
        recipient_name="Cardforge Printing Ltd",
        notice="Notice under Article 19 of the UK GDPR\n",
        created_at=clock.now(),
    )
    notification.save(force_insert=True)
    return notification


def marketing_answer_make(user: User) -> MarketingConsent:
    """One recorded marketing answer of ``user`` (yes to e-mail)."""
    return MarketingConsent.objects.create(
        user=user, channel="email", granted=True, recorded_at=clock.now(), source="privacy_centre"
    )
