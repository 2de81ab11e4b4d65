"""Reads of the privacy centre: marketing choices (also the one source of the
marketing-export guard), the sign-in history, and staff access to the customer's data
as the customer sees it (``accounts.staff_access``). The models are in ``accounts``."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from django.db.models import OuterRef, QuerySet, Subquery

from partnership.accounts.models import MarketingChannel, MarketingConsent, SignInEvent, User
from partnership.accounts.staff_access import STAFF_TEAMS, SUBJECT_TYPE, AccessReason
from partnership.audit.events import AuditEventType
from partnership.audit.selectors import audit_events_for_subject
from partnership.core import clock

SIGN_IN_HISTORY_SHOWN = 100
OTHER_TEAM = "Our staff"


def _latest(*, channel: MarketingChannel) -> QuerySet[MarketingConsent]:
    return MarketingConsent.objects.filter(user=OuterRef("pk"), channel=channel).order_by(
        "-recorded_at", "-pk"
    )


def marketing_opted_in(*, channel: MarketingChannel) -> QuerySet[User, uuid.UUID]:
    """Ids of the active customers whose latest answer for ``channel`` is yes.

    The one source the marketing-export guard may use: no record means no, a later
    "no" overrides an earlier "yes", closed accounts and staff are never included.
    """
    channel = MarketingChannel(channel)
    return (
        User.objects.filter(is_active=True, is_staff=False, closed_at__isnull=True)
        .annotate(latest_granted=Subquery(_latest(channel=channel).values("granted")[:1]))
        .filter(latest_granted=True)
        .values_list("pk", flat=True)
    )


def marketing_choices_current(*, user: User) -> dict[MarketingChannel, bool]:
    """Each channel's current answer for ``user`` (False when never asked)."""
    current = dict.fromkeys(MarketingChannel, False)
    seen: set[str] = set()
    for channel, granted in (
        MarketingConsent.objects.filter(user=user)
        .order_by("-recorded_at", "-pk")
        .values_list("channel", "granted")
    ):
        if channel not in seen:
            seen.add(channel)
            current[MarketingChannel(channel)] = granted
    return current


def marketing_history(*, user: User) -> QuerySet[MarketingConsent]:
    return MarketingConsent.objects.filter(user=user).order_by("-recorded_at", "-pk")


def sign_in_history(*, user: User, since: dt.datetime | None = None) -> QuerySet[SignInEvent]:
    """The most recent sign-ins of ``user`` (at most ``SIGN_IN_HISTORY_SHOWN``)."""
    since = since or clock.now() - dt.timedelta(days=396)
    return SignInEvent.objects.filter(user=user, occurred_at__gte=since).order_by("-occurred_at")[
        :SIGN_IN_HISTORY_SHOWN
    ]


@dataclass(frozen=True)
class StaffAccess:
    occurred_at: dt.datetime
    team: str
    reason: str


def staff_access_history(*, user_id: str) -> list[StaffAccess]:
    """Each staff view of this customer's personal data, newest first."""
    events = audit_events_for_subject(subject_type=SUBJECT_TYPE, subject_id=user_id).filter(
        event=AuditEventType.STAFF_CUSTOMER_VIEW
    )
    return [
        StaffAccess(
            occurred_at=event.occurred_at,
            team=STAFF_TEAMS.get(str(event.data.get("team", "")), OTHER_TEAM),
            reason=_reason_label(event.reason),
        )
        for event in events
    ]


def _reason_label(value: str) -> str:
    try:
        return str(AccessReason(value).label)
    except ValueError:
        return "Another reason"
