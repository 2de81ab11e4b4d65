"""The transparency report's raw counts for one quarter, taken from the records.

Counts only, never a person: rights requests received by kind and those closed in the
quarter (in time or not), complaints received and resolved, staff accesses to customer
data by reason category (each access grant, with its stated reason), breaches reported to
the ICO, marketing exports made. Small numbers are withheld by the caller (``public``
applies the analytics reports' suppression before the figures are frozen).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count

from partnership.audit.events import AuditEventType
from partnership.audit.models import AuditEvent
from partnership.compliance.breaches.models import BreachRevision, IcoStatus
from partnership.compliance.complaints.models import Complaint
from partnership.compliance.marketing.models import MarketingExport
from partnership.compliance.rights.models import RightsRequest, RightsRequestKind
from partnership.compliance.transparency.quarters import Quarter
from partnership.core import clock


@dataclass(frozen=True)
class RawCounts:
    rights_by_kind: dict[str, int]  # every kind, zero included
    rights_closed: int
    rights_closed_in_time: int
    complaints_received: int
    complaints_resolved: int
    staff_access_by_reason: dict[str, int]
    breaches_reported: int
    marketing_exports: int


def _grouped(rows: object, key: str) -> dict[str, int]:
    return {str(row[key]): int(row["n"]) for row in rows}  # type: ignore[attr-defined]


def _in_time(closed_at: dt.datetime | None, due: dt.date | None) -> bool:
    """Closed by its due date, in London days (a request with no due date is not late)."""
    return closed_at is not None and (
        due is None or closed_at.astimezone(clock.LONDON).date() <= due
    )


def transparency_counts(*, quarter: Quarter) -> RawCounts:
    start, end = quarter.window()
    received = RightsRequest.objects.filter(received_at__gte=start, received_at__lt=end)
    by_kind = _grouped(received.values("kind").annotate(n=Count("pk")), "kind")
    closed = list(
        RightsRequest.objects.filter(closed_at__gte=start, closed_at__lt=end).values_list(
            "closed_at", "due_on"
        )
    )
    in_time = len([1 for closed_at, due in closed if _in_time(closed_at, due)])
    grants = AuditEvent.objects.filter(
        event=AuditEventType.STAFF_ACCESS_GRANT.value, occurred_at__gte=start, occurred_at__lt=end
    )
    reported = (
        BreachRevision.objects.filter(
            ico_status=IcoStatus.REPORTED, ico_reported_at__gte=start, ico_reported_at__lt=end
        )
        .values("breach_id")
        .distinct()
        .count()
    )
    return RawCounts(
        rights_by_kind={kind: by_kind.get(kind, 0) for kind in RightsRequestKind.values},
        rights_closed=len(closed),
        rights_closed_in_time=in_time,
        complaints_received=Complaint.objects.filter(
            received_at__gte=start, received_at__lt=end
        ).count(),
        complaints_resolved=Complaint.objects.filter(
            closed_at__gte=start, closed_at__lt=end
        ).count(),
        staff_access_by_reason=dict(
            sorted(_grouped(grants.values("reason").annotate(n=Count("pk")), "reason").items())
        ),
        breaches_reported=reported,
        marketing_exports=MarketingExport.objects.filter(
            created_at__gte=start, created_at__lt=end
        ).count(),
    )
