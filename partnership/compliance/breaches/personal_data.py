"""What the data inventory and the retention engine know about breach notices.

The breach register itself describes incidents, not people (officers give numbers, never
names). Its one kind of personal data is who was told of a breach, and what: one
``BreachNotification`` per person, its message encrypted.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from partnership.compliance.breaches.models import BreachNotification
from partnership.privacy import inventory, retention
from partnership.privacy.erase_rows import erase_unless_held
from partnership.privacy.inventory import ErasureOutcome, InventoryEntry, LawfulBasis, PersonalField
from partnership.privacy.subjects import DataSubject

CATEGORY = "breach_notifications"
RETENTION_RULE = "breach-notifications"
# Six years from sending: the time within which a claim about the breach may be brought
# (Limitation Act 1980, ss. 2 and 5), during which we must be able to show we told you.
RETENTION_PERIOD = dt.timedelta(days=6 * 365 + 2)

_BASIS = LawfulBasis.LEGAL_OBLIGATION
FIELDS = (
    PersonalField(
        "recipient",
        "Your account",
        "So the notice of a breach reaches the people it affected (UK GDPR Art. 34).",
        _BASIS,
        encrypted=False,
    ),
    PersonalField(
        "message",
        "The notice we sent you",
        "A copy of what we told you, to show we told you (UK GDPR Art. 33(5)).",
        _BASIS,
        encrypted=True,
    ),
    PersonalField(
        "sent_at",
        "When we sent it",
        "To show we told you without undue delay.",
        _BASIS,
        encrypted=False,
    ),
)


def _rows(subject: DataSubject) -> Any:
    if subject.user_id is None:
        return BreachNotification.objects.none()
    return BreachNotification.objects.filter(recipient_id=subject.user_id).order_by("sent_at")


def notification_export(subject: DataSubject) -> list[dict[str, Any]]:
    return [
        {
            "breach_reference": row.breach.reference,
            "sent_at": row.sent_at,
            "subject": row.subject,
            "message": row.message,
        }
        for row in _rows(subject).select_related("breach")
    ]


def notification_erase(subject: DataSubject) -> ErasureOutcome:
    """Erase the person's copies; the register keeps the breach, the audit log the ids."""
    return erase_unless_held(_rows(subject).select_for_update(), lambda row: None)


ENTRY = InventoryEntry(
    model=BreachNotification,
    category=CATEGORY,
    description=(
        "Notices we sent you about a personal-data breach that affected you, with when "
        "we sent them."
    ),
    fields=FIELDS,
    retention_rule=RETENTION_RULE,
    export=notification_export,
    erase=notification_erase,
)

RULE = retention.TableRule(
    name=RETENTION_RULE,
    description=(
        "6 years from the date we sent a notice of a breach, the time within which a "
        "claim about it may be brought, then deleted."
    ),
    queryset=BreachNotification.objects.all,
    aged_by="sent_at",
    period=RETENTION_PERIOD,
)


def register() -> None:
    inventory.register(ENTRY)
    retention.register(RULE)
