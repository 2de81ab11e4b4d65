"""Handling a rights request: stopping and restarting the clock, extending it, closing.

Each service locks the request, checks the rule, writes, and records its audit event
in the same transaction (ids and enums only; the extension's reason is encrypted on
the request). A refusal raises ``RightsRequestRefused`` and changes nothing.
"""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path

from django.conf import settings
from django.db import transaction

from partnership.audit.events import AuditEventType
from partnership.audit.services import Actor, audit_record
from partnership.compliance.rights import deadlines
from partnership.compliance.rights.models import (
    EMAIL_INDEX_PURPOSE,
    PauseReason,
    RightsRequest,
    RightsRequestKind,
    RightsRequestPause,
    RightsRequestStatus,
)
from partnership.core import clock
from partnership.core.private_files import make_private_dir
from partnership.privacy import recipients
from partnership.privacy.export import subject_access_export
from partnership.privacy.subjects import DataSubject, data_subject_resolve

SUBJECT = "rights-request"


class RightsRequestRefused(ValueError):
    """The action breaks a rule of the clock; the message says which, for staff."""


def rights_request_pauses(*, request: RightsRequest) -> list[deadlines.Pause]:
    return [
        deadlines.Pause(started_on=started, ended_on=ended)
        for started, ended in request.pauses.values_list("started_on", "ended_on")
    ]


def rights_request_is_overdue(*, request: RightsRequest, today: dt.date) -> bool:
    if request.paused_since is not None or request.due_on is None:
        return False
    return deadlines.is_overdue(
        due_on=request.due_on, today=today, closed=request.status == RightsRequestStatus.CLOSED
    )


def _locked(request_id: uuid.UUID) -> RightsRequest:
    return RightsRequest.objects.select_for_update().get(pk=request_id)


def _open(request: RightsRequest) -> None:
    if request.status == RightsRequestStatus.CLOSED:
        raise RightsRequestRefused("This request is closed.")


def _refresh_due(request: RightsRequest) -> None:
    finished = [p for p in rights_request_pauses(request=request) if p.ended_on is not None]
    request.due_on = deadlines.due_date(
        received_on=request.received_on,
        pauses=finished,
        extension_months=request.extension_months,
    )


def _audit(event: AuditEventType, request: RightsRequest, actor: Actor, reason: str) -> None:
    audit_record(
        event=event,
        actor=actor,
        subject_type=SUBJECT,
        subject_id=str(request.pk),
        reason=reason,
        data={
            "kind": request.kind,
            "due_on": request.due_on.isoformat() if request.due_on else None,
        },
    )


def rights_request_pause(
    *, request_id: uuid.UUID, reason: PauseReason, actor: Actor
) -> RightsRequest:
    """Stop the clock while we wait for proof of identity or clarification."""
    with transaction.atomic():
        request = _locked(request_id)
        _open(request)
        if request.paused_since is not None:
            raise RightsRequestRefused("The clock is already stopped.")
        today = clock.today_in_london()
        RightsRequestPause.objects.create(request=request, reason=reason, started_on=today)
        request.paused_since = today
        request.pause_reason = reason
        request.save(update_fields=["paused_since", "pause_reason"])
        _audit(AuditEventType.PRIVACY_RIGHTS_REQUEST_PAUSE, request, actor, reason.value)
    return request


def rights_request_resume(*, request_id: uuid.UUID, actor: Actor) -> RightsRequest:
    """The answer arrived: restart the clock; the due date moves by the paused days."""
    with transaction.atomic():
        request = _locked(request_id)
        _open(request)
        if request.paused_since is None:
            raise RightsRequestRefused("The clock is not stopped.")
        _end_pause(request)
        request.save(update_fields=["paused_since", "pause_reason", "due_on"])
        _audit(AuditEventType.PRIVACY_RIGHTS_REQUEST_RESUME, request, actor, "")
    return request


def _end_pause(request: RightsRequest) -> None:
    request.pauses.filter(ended_on__isnull=True).update(ended_on=clock.today_in_london())
    request.paused_since = None
    request.pause_reason = ""
    _refresh_due(request)


def rights_request_extend(
    *, request_id: uuid.UUID, months: int, reason: str, actor: Actor
) -> RightsRequest:
    """Extend by one or two months, once, within the original period, with a reason."""
    reason = reason.replace("\r\n", "\n").strip()
    if months not in (1, 2):
        raise RightsRequestRefused("An extension is one or two further months.")
    if not reason:
        raise RightsRequestRefused("Give the reason for the extension.")
    with transaction.atomic():
        request = _locked(request_id)
        _open(request)
        if request.extension_months:
            raise RightsRequestRefused("This request has already been extended.")
        allowed = deadlines.extension_allowed(
            received_on=request.received_on,
            pauses=rights_request_pauses(request=request),
            extension_months=request.extension_months,
            today=clock.today_in_london(),
        )
        if not allowed:
            raise RightsRequestRefused("The original period has ended: it cannot be extended.")
        request.extension_months = months
        request.extension_reason = reason
        request.full_clean(validate_unique=False, validate_constraints=False)
        _refresh_due(request)
        request.save(update_fields=["extension_months", "extension_reason", "due_on"])
        _audit(AuditEventType.PRIVACY_RIGHTS_REQUEST_EXTEND, request, actor, f"months-{months}")
    return request


# Carrying out these requests changes what recipients hold (Art. 19).
_CHANGE_OF_KIND = {
    RightsRequestKind.RECTIFICATION: recipients.ChangeKind.CORRECTION,
    RightsRequestKind.RESTRICTION: recipients.ChangeKind.RESTRICTION,
}


def _tell_recipients(request: RightsRequest) -> None:
    change = _CHANGE_OF_KIND.get(RightsRequestKind(request.kind))
    if change is None or request.user_id is None:
        return
    subject = DataSubject(email="", user_id=request.user_id)
    held = recipients.categories_held(subject)
    recipients.data_changed(recipients.DataChange(change, subject, held))


def rights_request_complete(*, request_id: uuid.UUID, actor: Actor) -> RightsRequest:
    """Close the request (a running pause ends today); the audit says if it was late."""
    with transaction.atomic():
        request = _locked(request_id)
        _open(request)
        _tell_recipients(request)
        if request.paused_since is not None:
            _end_pause(request)
        today = clock.today_in_london()
        late = request.due_on is not None and today > request.due_on
        request.status = RightsRequestStatus.CLOSED
        request.closed_at = clock.now()
        request.save(
            update_fields=["status", "closed_at", "paused_since", "pause_reason", "due_on"]
        )
        _audit(
            AuditEventType.PRIVACY_RIGHTS_REQUEST_COMPLETE,
            request,
            actor,
            "late" if late else "on-time",
        )
    return request


def rights_request_subject(*, request: RightsRequest, email: str) -> DataSubject:
    """The person, found by the e-mail staff typed, checked against the request.

    The request holds only a user id or a blind index, so staff type the address from
    the person's letter; a mismatch is refused rather than acted on.
    """
    subject = data_subject_resolve(email=email)
    if request.user_id is not None:
        matches = subject.user_id == request.user_id
    else:
        matches = subject.email_index(purpose=EMAIL_INDEX_PURPOSE) == request.email_index
    if not matches:
        raise RightsRequestRefused("That e-mail address is not the person who made this request.")
    return subject


def rights_request_export_dir() -> Path:
    return make_private_dir(Path(settings.VAR_DIR) / "subject-access")


def rights_request_run_export(
    *, request_id: uuid.UUID, email: str, actor: Actor, out: Path | None = None
) -> RightsRequest:
    """Produce the subject access export and keep, on the request, what was searched."""
    request = RightsRequest.objects.get(pk=request_id)
    _open(request)
    if request.kind != RightsRequestKind.ACCESS:
        raise RightsRequestRefused("Only an access request produces an export.")
    if request.categories_searched:
        raise RightsRequestRefused("The export for this request has already been made.")
    rights_request_subject(request=request, email=email)
    target = out or rights_request_export_dir() / f"{request.pk}.zip"
    result = subject_access_export(email=email, out=target, actor=actor, reason="access")
    with transaction.atomic():
        request = _locked(request_id)
        request.categories_searched = [
            {"category": category, "count": count} for category, count in result.counts.items()
        ]
        request.status = RightsRequestStatus.IN_PROGRESS
        request.save(update_fields=["categories_searched", "status"])
    return request
