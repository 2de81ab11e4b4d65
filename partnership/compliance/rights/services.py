from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.db import IntegrityError, transaction

from partnership.audit.events import AuditEventType
from partnership.audit.services import Actor, audit_record
from partnership.compliance.rights import deadlines
from partnership.compliance.rights.models import (
    EMAIL_INDEX_PURPOSE,
    RightsRequest,
    RightsRequestKind,
    RightsRequestStatus,
)
from partnership.core import clock
from partnership.crypto.blind_index import blind_index, normalise_email


def rights_email_index(*, email: str) -> str:
    return blind_index(email, purpose=EMAIL_INDEX_PURPOSE, normalise=normalise_email)


@dataclass(frozen=True)
class RightsRequestInput:
    kind: RightsRequestKind
    user_id: uuid.UUID | None
    email: str  # used only for its blind index when there is no user id
    related_type: str = ""
    related_id: str = ""
    details: str = ""


def rights_request_receive(*, data: RightsRequestInput) -> tuple[RightsRequest, bool]:
    """Record a request and its audit event together; (request, created).

    A second request of the same kind about the same thing returns the first.
    """
    existing = _existing(data)
    if existing is not None:
        return existing, False
    received_at = clock.now()
    request = RightsRequest(
        kind=data.kind,
        user_id=data.user_id,
        email_index="" if data.user_id else rights_email_index(email=data.email),
        received_at=received_at,
        due_on=deadlines.due_date(received_on=received_at.astimezone(clock.LONDON).date()),
        status=RightsRequestStatus.RECEIVED,
        related_type=data.related_type,
        related_id=data.related_id,
        details=data.details.replace("\r\n", "\n").strip(),
    )
    request.full_clean(validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            request.save(force_insert=True)
            audit_record(
                event=AuditEventType.PRIVACY_RIGHTS_REQUEST_RECEIVE,
                actor=Actor.customer(data.user_id) if data.user_id else Actor.system(),
                subject_type="rights-request",
                subject_id=str(request.pk),
                reason=data.kind.value,
                data={"related_type": data.related_type or None},
            )
    except IntegrityError:
        winner = _existing(data)
        if winner is None:
            raise
        return winner, False
    return request, True


def _existing(data: RightsRequestInput) -> RightsRequest | None:
    if not data.related_id:
        return None
    return RightsRequest.objects.filter(
        kind=data.kind, related_type=data.related_type, related_id=data.related_id
    ).first()
