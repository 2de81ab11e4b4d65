"""Reads of the privacy centre: marketing choices (also the one source of the
marketing-export guard) and the sign-in history. The models are in ``accounts``."""

from __future__ import annotations

import datetime as dt
import uuid

from django.db.models import OuterRef, QuerySet, Subquery

from partnership.accounts.models import MarketingChannel, MarketingConsent, SignInEvent, User
from partnership.core import clock

SIGN_IN_HISTORY_SHOWN = 100


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
