"""Running the erasure engine (privacy/erasure.py) for one erasure request: the
request's checks, its summary and status, and the audit row, in one transaction."""

from __future__ import annotations

from django.db import transaction

from partnership.audit.events import AuditEventType
from partnership.audit.services import Actor, audit_record
from partnership.compliance.rights.models import (
    RightsRequest,
    RightsRequestKind,
    RightsRequestStatus,
)
from partnership.privacy.erasure import ErasureRefused, ErasureReport, erasure_apply
from partnership.privacy.subjects import DataSubject


def _subject_key(request: RightsRequest) -> dict[str, str]:
    if request.user_id is not None:
        return {"user_id": str(request.user_id)}
    return {"email_index": request.email_index}


def erasure_run(*, request: RightsRequest, subject: DataSubject, actor: Actor) -> ErasureReport:
    """Erase what may be erased for the person of an erasure request; ledger and audit.

    ``subject`` must be the request's person (``rights_request_subject`` checks it).
    """
    if request.kind != RightsRequestKind.ERASURE:
        raise ErasureRefused("Only an erasure request erases data.")
    if request.status == RightsRequestStatus.CLOSED:
        raise ErasureRefused("This request is closed.")
    with transaction.atomic():
        report = erasure_apply(
            request_id=str(request.pk), subject_key=_subject_key(request), subject=subject
        )
        summary = report.summary()
        RightsRequest.objects.filter(pk=request.pk).update(
            erasure_summary=summary, status=RightsRequestStatus.IN_PROGRESS
        )
        data: dict[str, int | str | bool | None] = {
            f"erased_{category}"[:40]: count for category, count in summary["erased"].items()
        }
        data.update({f"kept_{c}"[:40]: sum(h.values()) for c, h in summary["kept"].items()})
        audit_record(
            event=AuditEventType.PRIVACY_ERASURE_RUN,
            actor=actor,
            subject_type="rights-request",
            subject_id=str(request.pk),
            data=data,
        )
    return report
