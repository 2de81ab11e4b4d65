from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet

from partnership.compliance.complaints.models import EMAIL_INDEX_PURPOSE, Complaint, ComplaintStatus
from partnership.privacy import inventory, retention
from partnership.privacy.subjects import DataSubject


def complaint_by_submission_key(*, key: str) -> Complaint | None:
    return Complaint.objects.filter(submission_key=key).first()


def complaint_list_for_subject(*, subject: DataSubject) -> QuerySet[Complaint]:
    index = subject.email_index(purpose=EMAIL_INDEX_PURPOSE)
    return Complaint.objects.filter(email_index=index).order_by("received_at", "reference")


@dataclass(frozen=True)
class CollectionNotice:
    """What the form tells people before they type: made from the inventory entry."""

    entry: inventory.InventoryEntry
    retention: str


def complaint_collection_notice() -> CollectionNotice:
    entry = inventory.entry_for_model(Complaint)
    if entry is None:
        raise LookupError("complaints are missing from the data inventory")
    rule = retention.rule_named(entry.retention_rule)
    if rule is None:
        raise LookupError(f"retention rule {entry.retention_rule!r} is not registered")
    return CollectionNotice(entry=entry, retention=rule.description)


def complaint_queue() -> QuerySet[Complaint]:
    """Complaints not yet closed, the oldest (most urgent) first."""
    return Complaint.objects.exclude(status=ComplaintStatus.CLOSED).order_by(
        "acknowledge_by", "received_at"
    )


def complaint_is_overdue(*, complaint: Complaint, today: dt.date) -> bool:
    """Past its acknowledge-by date (Europe/London) and still not acknowledged."""
    return complaint.acknowledged_at is None and today > complaint.acknowledge_by
