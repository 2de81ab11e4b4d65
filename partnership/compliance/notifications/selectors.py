"""Reads of the Art. 19 notifications: the staff list, one notice, a person's own list."""

from __future__ import annotations

import uuid

from django.db.models import QuerySet

from partnership.compliance.notifications.models import RecipientNotification


def notification_list() -> QuerySet[RecipientNotification]:
    return RecipientNotification.objects.order_by("-created_at", "recipient_name")


def notification_get(*, notification_id: uuid.UUID) -> RecipientNotification | None:
    return RecipientNotification.objects.filter(pk=notification_id).first()


def notifications_for_user(*, user_id: uuid.UUID) -> QuerySet[RecipientNotification]:
    """Who was told of this person's changes (the privacy centre's list)."""
    return RecipientNotification.objects.filter(user_id=user_id).order_by(
        "-created_at", "recipient_name"
    )
