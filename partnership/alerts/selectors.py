"""Reads of the alerts app: what a customer chose. Staff have none."""

from __future__ import annotations

import uuid

from django.db.models import QuerySet

from partnership.accounts.models import CustomerProfile, User
from partnership.alerts.models import (
    AlertChoice,
    AlertKind,
    AlertPhone,
    SentAlert,
    StatementPreference,
)
from partnership.alerts.phone import uk_mobile_or_none


def alert_choices_current(*, user: User) -> dict[AlertKind, AlertChoice]:
    """The customer's choices by kind; a kind without a row is not chosen."""
    return {
        AlertKind(choice.kind): choice for choice in AlertChoice.objects.filter(user_id=user.pk)
    }


def alert_choice_for(*, user_id: uuid.UUID, kind: AlertKind) -> AlertChoice | None:
    return AlertChoice.objects.filter(user_id=user_id, kind=kind).first()


def alert_users_for(*, kind: AlertKind) -> QuerySet[AlertChoice]:
    """Every choice of ``kind`` on at least one channel, with its user."""
    return (
        AlertChoice.objects.filter(kind=kind, user__is_active=True, user__is_staff=False)
        .exclude(by_email=False, by_sms=False)
        .select_related("user")
        .order_by("pk")
    )


def alert_mobile_current(*, user: User) -> str | None:
    """The number text alerts go to (E.164), or None."""
    phone = AlertPhone.objects.filter(user_id=user.pk).first()
    return phone.number if phone else None


def alert_mobile_suggested(*, user: User) -> str | None:
    """The number to offer on the page: the one chosen, else the profile's if a UK mobile."""
    chosen = alert_mobile_current(user=user)
    if chosen:
        return chosen
    profile = CustomerProfile.objects.filter(user_id=user.pk).first()
    return uk_mobile_or_none(profile.phone if profile else None)


def statement_paperless(*, user: User) -> bool:
    """Paperless unless the customer chose paper (no row: paperless, docs/alerts.md)."""
    found = (
        StatementPreference.objects.filter(user_id=user.pk)
        .values_list("paperless", flat=True)
        .first()
    )
    return True if found is None else bool(found)


def sent_alerts_recent(*, user: User, limit: int = 20) -> QuerySet[SentAlert]:
    return SentAlert.objects.filter(user_id=user.pk).order_by("-sent_at", "-pk")[:limit]
