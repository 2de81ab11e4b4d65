"""What the inventory and retention know about Art. 19 notifications; the listener."""

from __future__ import annotations

import datetime as dt
from typing import Any

from partnership.compliance.notifications.models import RecipientNotification
from partnership.compliance.notifications.services import notify_recipients
from partnership.core import clock
from partnership.privacy import inventory, recipients, retention
from partnership.privacy.erase_rows import erase_unless_held
from partnership.privacy.inventory import (
    ErasureOutcome,
    InventoryEntry,
    LawfulBasis,
    LegalHold,
    PersonalField,
)
from partnership.privacy.subjects import DataSubject

CATEGORY = "recipient_notifications"
RETENTION_RULE = "recipient-notifications"
# Kept a year: long enough to answer a recipient or the ICO about what was sent, then
# deleted; an erasure within that year keeps them under the hold below.
RETENTION_PERIOD = dt.timedelta(days=366)
HOLD = LegalHold(
    name="uk-gdpr-art-19-record",
    law="UK GDPR Art. 5(2) and 19 (proof that recipients were told)",
    period="1 year from the notification",
)


def _rows(subject: DataSubject) -> Any:
    if subject.user_id is None:
        return RecipientNotification.objects.none()
    return RecipientNotification.objects.filter(user_id=subject.user_id)


def notification_export(subject: DataSubject) -> list[dict[str, Any]]:
    return [
        {
            "told_at": row.created_at,
            "recipient": row.recipient_name,
            "recipient_kind": row.recipient_kind,
            "change": row.change,
            "categories": list(row.categories),
            "notice": row.notice,
        }
        for row in _rows(subject).order_by("created_at", "pk")
    ]


def notification_erase(subject: DataSubject) -> ErasureOutcome:
    cutoff = clock.now() - RETENTION_PERIOD
    rows = _rows(subject).select_for_update()
    return erase_unless_held(rows, lambda row: HOLD if row.created_at >= cutoff else None)


ENTRY = InventoryEntry(
    model=RecipientNotification,
    category=CATEGORY,
    description=(
        "Each company we told that your data had been corrected, erased or restricted: "
        "which company, when, and the notice we sent it."
    ),
    fields=(
        PersonalField(
            "user_id",
            "You, by your customer reference",
            "So we can show you who we told, and prove that we told them.",
            LawfulBasis.LEGAL_OBLIGATION,
            encrypted=False,
        ),
        PersonalField(
            "notice",
            "The notice we sent, with the detail the company knows you by",
            "So the company can find your record and act on it.",
            LawfulBasis.LEGAL_OBLIGATION,
            encrypted=True,
        ),
    ),
    retention_rule=RETENTION_RULE,
    legal_holds=(HOLD,),
    export=notification_export,
    erase=notification_erase,
)

RULE = retention.TableRule(
    name=RETENTION_RULE,
    description="Notices to recipients of your data: 1 year from each notice, then deleted.",
    queryset=RecipientNotification.objects.all,
    aged_by="created_at",
    period=RETENTION_PERIOD,
)


def register() -> None:
    inventory.register(ENTRY)
    retention.register(RULE)
    recipients.register_listener(
        recipients.ChangeListener("art19-notifications", notify_recipients)
    )
