"""Reads of the breach register: current states, running clocks, candidate recipients."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from django.db.models import QuerySet

from partnership.audit.events import ActorKind, AuditEventType
from partnership.audit.models import AuditEvent
from partnership.compliance.breaches.models import Breach, BreachRevision, IcoStatus
from partnership.compliance.breaches.rules import ico_deadline, london_label


def breach_get(*, breach_id: uuid.UUID) -> Breach | None:
    return Breach.objects.filter(pk=breach_id).first()


def breach_current(*, breach: Breach) -> BreachRevision | None:
    """The latest revision: the breach's current state."""
    return breach.revisions.order_by("-number").first()


def breach_revisions(*, breach: Breach) -> QuerySet[BreachRevision]:
    return breach.revisions.order_by("-number")


@dataclass(frozen=True)
class BreachRow:
    breach: Breach
    current: BreachRevision
    deadline: dt.datetime
    deadline_label: str
    clock_running: bool  # not reported to the ICO and not decided otherwise
    overdue: bool
    found_label: str
    occurred_label: str
    reported_label: str


def breach_row(*, breach: Breach, current: BreachRevision, now: dt.datetime) -> BreachRow:
    deadline = ico_deadline(current.found_at)
    running = current.ico_status == IcoStatus.UNDECIDED
    return BreachRow(
        breach=breach,
        current=current,
        deadline=deadline,
        deadline_label=london_label(deadline),
        clock_running=running,
        overdue=running and now > deadline,
        found_label=london_label(current.found_at),
        occurred_label=london_label(current.occurred_at),
        reported_label=london_label(current.ico_reported_at) if current.ico_reported_at else "",
    )


def breach_register(*, now: dt.datetime) -> list[BreachRow]:
    """Every breach with its current state, newest first."""
    rows = []
    for breach in Breach.objects.prefetch_related("revisions").order_by("-created_at"):
        current = max(breach.revisions.all(), key=lambda revision: revision.number, default=None)
        if current is not None:
            rows.append(breach_row(breach=breach, current=current, now=now))
    return rows


def breach_clocks_running(*, now: dt.datetime) -> list[BreachRow]:
    """Breaches whose 72-hour clock runs (no ICO decision yet), soonest deadline first."""
    return sorted(
        (row for row in breach_register(now=now) if row.clock_running),
        key=lambda row: row.deadline,
    )


def customers_opened_by(*, staff_id: str, start: dt.datetime, end: dt.datetime) -> list[str]:
    """Ids of every customer whose data ``staff_id`` opened between ``start`` and ``end``
    (the staff-access history of the audit log), in the order first opened."""
    events = AuditEvent.objects.filter(
        actor_kind=ActorKind.STAFF.value,
        actor_id=str(staff_id),
        event=AuditEventType.STAFF_CUSTOMER_VIEW.value,
        occurred_at__gte=start,
        occurred_at__lt=end,
    ).order_by("sequence")
    seen: dict[str, None] = {}
    for subject_id in events.values_list("subject_id", flat=True):
        seen.setdefault(subject_id, None)
    return list(seen)
