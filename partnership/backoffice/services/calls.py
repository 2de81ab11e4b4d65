"""The call log (DESIGN P14): agents record calls against a customer they hold a live
grant for. Kept ``CALL_RECORD_RETENTION_DAYS`` (``backoffice.personal_data``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction

from partnership.accounts.staff_access import SUBJECT_TYPE
from partnership.audit.events import AuditEventType
from partnership.audit.services import Actor, audit_record
from partnership.backoffice.models import AccessGrant, CallDirection, CallReason, CallRecord
from partnership.core import clock


@dataclass(frozen=True)
class CallInput:
    occurred_at: dt.datetime
    direction: CallDirection
    reason: CallReason
    recorded: bool
    recording_reference: str
    card_payment: bool
    recording_paused_for_security_code: bool
    notes: str


def call_record_create(*, grant: AccessGrant, data: CallInput) -> CallRecord:
    """Record one call under ``grant`` (its staff member and customer), with its audit row."""
    call = CallRecord(
        customer_id=grant.customer_id,
        staff_id=grant.staff_id,
        grant=grant,
        occurred_at=data.occurred_at,
        direction=CallDirection(data.direction),
        reason=CallReason(data.reason),
        recorded=data.recorded,
        recording_reference=data.recording_reference,
        card_payment=data.card_payment,
        recording_paused_for_security_code=data.recording_paused_for_security_code,
        notes=data.notes,
        created_at=clock.now(),
    )
    call.full_clean()
    with transaction.atomic():
        call.save(force_insert=True)
        audit_record(
            event=AuditEventType.STAFF_CALL_RECORD,
            actor=Actor.staff(grant.staff_id),
            subject_type=SUBJECT_TYPE,
            subject_id=str(grant.customer_id),
            reason=call.reason,
            data={
                "call_id": str(call.pk),
                "grant_id": str(grant.pk),
                "recorded": call.recorded,
                "card_payment": call.card_payment,
            },
        )
    return call
