from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from partnership.audit.events import AuditEventType
from partnership.audit.services import Actor, audit_record
from partnership.compliance.complaints import messages
from partnership.compliance.complaints.models import (
    ACKNOWLEDGE_WITHIN_DAYS,
    EMAIL_INDEX_PURPOSE,
    REFERENCE_ALPHABET,
    REFERENCE_LENGTH,
    REFERENCE_PREFIX,
    STEPS_MAX,
    Complaint,
    ComplaintOutcome,
    ComplaintStatus,
    ComplaintTopic,
    ReplyPreference,
)
from partnership.core import clock
from partnership.crypto.blind_index import blind_index, normalise_email


@dataclass(frozen=True)
class ComplaintInput:
    name: str
    email: str
    phone: str
    topic: ComplaintTopic
    details: str
    reply_preference: ReplyPreference


def complaint_reference_new() -> str:
    """``CMP-`` and 10 random Crockford base-32 characters (50 bits): not guessable."""
    return REFERENCE_PREFIX + "".join(
        secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH)
    )


def complaint_email_index(*, email: str) -> str:
    return blind_index(email, purpose=EMAIL_INDEX_PURPOSE, normalise=normalise_email)


def complaint_submit(*, data: ComplaintInput, idempotency_key: str | None = None) -> Complaint:
    """Record a complaint and its audit event together, once per ``idempotency_key``.

    The same key again (a refreshed or resubmitted form) returns the complaint already
    recorded and writes nothing. Raises ``ValidationError`` for invalid data.
    """
    key = idempotency_key or secrets.token_urlsafe(32)
    existing = Complaint.objects.filter(submission_key=key).first()
    if existing is not None:
        return existing
    received_at = clock.now()
    complaint = Complaint(
        reference=complaint_reference_new(),
        name=data.name.strip(),
        email=data.email.strip(),
        email_index=complaint_email_index(email=data.email),
        phone=data.phone.strip(),
        topic=data.topic,
        details=data.details,
        reply_preference=data.reply_preference,
        received_at=received_at,
        acknowledge_by=received_at.astimezone(clock.LONDON).date()
        + dt.timedelta(days=ACKNOWLEDGE_WITHIN_DAYS),
        status=ComplaintStatus.RECEIVED,
        submission_key=key,
    )
    # Uniqueness is the database's to enforce: two racing submissions of one form
    # must end with one row, which a check-then-insert could not promise.
    complaint.full_clean(validate_unique=False)
    try:
        with transaction.atomic():
            complaint.save(force_insert=True)
            audit_record(
                event=AuditEventType.PRIVACY_COMPLAINT_SUBMIT,
                actor=Actor.system(),
                subject_type="complaint",
                subject_id=str(complaint.pk),
                data={"topic": complaint.topic, "reply_preference": complaint.reply_preference},
            )
    except IntegrityError:
        winner = Complaint.objects.filter(submission_key=key).first()
        if winner is None:
            raise
        return winner
    return complaint


class ComplaintStateError(ValueError):
    """The complaint is not in a state that allows this step."""


# The status each step starts from, and what a member of staff is told otherwise.
_STEP_FROM = {
    ComplaintStatus.ACKNOWLEDGED: (
        ComplaintStatus.RECEIVED,
        "only a received complaint can be acknowledged",
    ),
    ComplaintStatus.CLOSED: (
        ComplaintStatus.ACKNOWLEDGED,
        "acknowledge a complaint before closing it",
    ),
}


def _complaint_move(
    complaint: Complaint,
    *,
    staff_id: str,
    to: ComplaintStatus,
    stamp: str,
    event: AuditEventType,
    audit_data: Callable[[Complaint, dt.datetime], dict[str, bool | str]] | None = None,
    extra: dict[str, object] | None = None,
) -> Complaint:
    """Move a complaint one step on (locked, so two clicks make one move), time-stamp
    the step and audit it."""
    required, refusal = _STEP_FROM[to]
    with transaction.atomic():
        locked = Complaint.objects.select_for_update().get(pk=complaint.pk)
        if locked.status != required:
            raise ComplaintStateError(refusal)
        locked.status = to
        moved_at = clock.now()
        setattr(locked, stamp, moved_at)
        fields = ["status", stamp]
        for name, value in (extra or {}).items():
            setattr(locked, name, moved_at if value is _NOW else value)
            fields.append(name)
        locked.save(update_fields=fields)
        audit_record(
            event=event,
            actor=Actor.staff(staff_id),
            subject_type="complaint",
            subject_id=str(locked.pk),
            data=audit_data(locked, moved_at) if audit_data else None,
        )
    return locked


_NOW = object()  # in ``extra``: the time of the move


def complaint_acknowledge(*, complaint: Complaint, staff_id: str) -> Complaint:
    """Mark a received complaint acknowledged now (the 30-day clock stops), audited, and
    send the complainant the acknowledgement (with their right to complain to the ICO).
    A second acknowledgement raises ``ComplaintStateError``: nothing changes or is sent."""
    done = _complaint_move(
        complaint,
        staff_id=staff_id,
        to=ComplaintStatus.ACKNOWLEDGED,
        stamp="acknowledged_at",
        event=AuditEventType.STAFF_COMPLAINT_ACKNOWLEDGE,
        audit_data=lambda done, at: {
            "on_time": at.astimezone(clock.LONDON).date() <= done.acknowledge_by
        },
    )
    messages.complaint_acknowledgement_send(complaint=done)
    return done


def complaint_outcome_check(*, outcome: str, steps_taken: str) -> None:
    errors: dict[str, str] = {}
    if outcome not in ComplaintOutcome.values:
        errors["outcome"] = "Choose the outcome."
    if not steps_taken.strip() or len(steps_taken) > STEPS_MAX:
        errors["steps_taken"] = f"Say what was done, in up to {STEPS_MAX} characters."
    if errors:
        raise ValidationError(errors)


def complaint_close(
    *, complaint: Complaint, staff_id: str, outcome: str, steps_taken: str
) -> Complaint:
    """Close an acknowledged complaint with its outcome and the steps taken, audited (the
    outcome enum only), and send the outcome message. ``ValidationError`` for a missing
    outcome or steps; ``ComplaintStateError`` out of turn. Either way nothing changes."""
    complaint_outcome_check(outcome=outcome, steps_taken=steps_taken)
    closed = _complaint_move(
        complaint,
        staff_id=staff_id,
        to=ComplaintStatus.CLOSED,
        stamp="closed_at",
        event=AuditEventType.STAFF_COMPLAINT_CLOSE,
        audit_data=lambda done, at: {"outcome": done.outcome},
        extra={"outcome": outcome, "outcome_at": _NOW, "steps_taken": steps_taken},
    )
    messages.complaint_outcome_send(complaint=closed)
    return closed


def complaint_view_record(*, complaint: Complaint, staff_id: str) -> None:
    """A member of staff opened a complaint's personal details (purpose: handling it)."""
    audit_record(
        event=AuditEventType.STAFF_COMPLAINT_VIEW,
        actor=Actor.staff(staff_id),
        subject_type="complaint",
        subject_id=str(complaint.pk),
        reason="complaint_handling",
    )
