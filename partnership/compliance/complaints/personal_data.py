"""What the data inventory and the retention engine know about complaints."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet

from partnership.compliance.complaints import selectors
from partnership.compliance.complaints.models import Complaint, ComplaintStatus
from partnership.core import clock
from partnership.privacy import inventory, retention
from partnership.privacy.erase_rows import erase_unless_held
from partnership.privacy.inventory import (
    ErasureOutcome,
    InventoryEntry,
    LawfulBasis,
    LegalHold,
    PersonalField,
)
from partnership.privacy.subjects import DataSubject

CATEGORY = "complaints"
RETENTION_RULE = "complaint-records"
# FCA DISP 1.9.1R(2): records of a complaint about non-MiFID business are kept for at
# least three years from receipt. Three years and a leap day, then deleted: no longer,
# because UK GDPR Art. 5(1)(e) lets us keep them only as long as that need lasts.
RETENTION_PERIOD = dt.timedelta(days=3 * 365 + 1)

HOLD_RECORDS = LegalHold(
    name="fca-disp-1.9",
    law="FCA Handbook DISP 1.9.1R (records of complaints)",
    period="3 years from the date we received the complaint",
)
HOLD_OPEN = LegalHold(
    name="fca-disp-1.6-open",
    law="FCA Handbook DISP 1.4 and 1.6 (handling a complaint to its final response)",
    period="until the complaint is closed",
)

_BASIS = LawfulBasis.LEGAL_OBLIGATION
FIELDS = (
    PersonalField(
        "name",
        "Your name",
        "So we know who is complaining and can address our reply to you.",
        _BASIS,
        encrypted=True,
    ),
    PersonalField(
        "email",
        "E-mail address",
        "To acknowledge your complaint and send our replies; it also lets you ask later "
        "for a copy of what we hold.",
        _BASIS,
        encrypted=True,
    ),
    PersonalField(
        "phone",
        "Phone number (optional)",
        "Only if you would rather we called you back.",
        LawfulBasis.LEGITIMATE_INTERESTS,
        encrypted=True,
    ),
    PersonalField(
        "topic",
        "What your complaint is about",
        "So the right team looks into it.",
        _BASIS,
        encrypted=False,
    ),
    PersonalField(
        "details",
        "What happened",
        "To investigate your complaint and put things right.",
        _BASIS,
        encrypted=True,
    ),
    PersonalField(
        "reply_preference",
        "How should we reply?",
        "So we reply the way you prefer.",
        _BASIS,
        encrypted=False,
    ),
    PersonalField(
        "steps_taken",
        "What we did to look into your complaint",
        "To tell you, with our decision, how we looked into it.",
        _BASIS,
        encrypted=True,
    ),
)


def complaint_export(subject: DataSubject) -> list[dict[str, Any]]:
    return [
        {
            "reference": complaint.reference,
            "received_at": complaint.received_at,
            "name": complaint.name,
            "email": complaint.email,
            "phone": complaint.phone,
            "topic": complaint.topic,
            "details": complaint.details,
            "reply_preference": complaint.reply_preference,
            "status": complaint.status,
            "acknowledge_by": complaint.acknowledge_by,
            "acknowledged_at": complaint.acknowledged_at,
            "closed_at": complaint.closed_at,
            "outcome": complaint.outcome,
            "outcome_at": complaint.outcome_at,
            "steps_taken": complaint.steps_taken,
        }
        for complaint in selectors.complaint_list_for_subject(subject=subject)
    ]


def _hold_for(complaint: Complaint, *, now: dt.datetime) -> LegalHold | None:
    if complaint.status != ComplaintStatus.CLOSED:
        return HOLD_OPEN
    if complaint.received_at >= now - RETENTION_PERIOD:
        return HOLD_RECORDS
    return None


def complaint_erase(subject: DataSubject) -> ErasureOutcome:
    """Erase this person's complaints that no legal hold keeps; name the hold of each kept."""
    now = clock.now()
    rows = selectors.complaint_list_for_subject(subject=subject).select_for_update()
    return erase_unless_held(rows, lambda complaint: _hold_for(complaint, now=now))


def complaints_not_held(queryset: QuerySet[Any]) -> QuerySet[Any]:
    """Expired complaint rows minus those still open (DISP 1.4/1.6 hold)."""
    return queryset.filter(Q(status=ComplaintStatus.CLOSED))


ENTRY = InventoryEntry(
    model=Complaint,
    category=CATEGORY,
    description=(
        "Complaints you sent us through the complaints form, with the contact details "
        "you gave so we could reply."
    ),
    fields=FIELDS,
    retention_rule=RETENTION_RULE,
    legal_holds=(HOLD_RECORDS, HOLD_OPEN),
    export=complaint_export,
    erase=complaint_erase,
)

RULE = retention.TableRule(
    name=RETENTION_RULE,
    description=(
        "3 years from the date we receive a complaint, the period the Financial Conduct "
        "Authority's complaint rules (DISP 1.9.1R) require, then deleted; never while "
        "the complaint is still open."
    ),
    queryset=Complaint.objects.all,
    aged_by="received_at",
    period=RETENTION_PERIOD,
    exclude_held=complaints_not_held,
)


def register() -> None:
    inventory.register(ENTRY)
    retention.register(RULE)
