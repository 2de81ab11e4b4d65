"""Writes of the breach register: record, revise (append-only) and tell the people.

Every function is keyword-only and atomic, and audits by id: the audit event holds the
breach's id, the revision number and enums, never the texts or anyone's details.
"""

from __future__ import annotations

import secrets
import uuid
from dataclasses import asdict, dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from partnership.audit.events import AuditEventType
from partnership.audit.services import Actor, audit_record
from partnership.compliance.breaches import rules
from partnership.compliance.breaches.models import (
    REFERENCE_PREFIX,
    Breach,
    BreachNotification,
    BreachRevision,
    PeopleDecision,
)
from partnership.compliance.breaches.rules import BreachInput
from partnership.compliance.breaches.selectors import breach_current
from partnership.core import clock
from partnership.core.mail import email_send

__all__ = [
    "BreachInput",
    "BreachRecipientError",
    "BreachSendError",
    "breach_notify",
    "breach_record",
    "breach_revise",
]


class BreachRecipientError(ValueError):
    """The chosen recipients are not all known customers: nothing was sent."""


def _reference_new() -> str:
    return REFERENCE_PREFIX + secrets.token_hex(4).upper()


def _revision_save(
    *, breach: Breach, number: int, data: BreachInput, staff_id: str
) -> BreachRevision:
    revision = BreachRevision(
        breach=breach,
        number=number,
        recorded_at=clock.now(),
        recorded_by_id=str(staff_id),
        **asdict(data),
    )
    revision.full_clean(exclude=["breach"], validate_unique=False)
    revision.save(force_insert=True)
    return revision


def _audit_data(revision: BreachRevision) -> dict[str, str | int | bool | None]:
    return {
        "revision": revision.number,
        "ico_status": revision.ico_status,
        "people_decision": revision.people_decision,
    }


def breach_record(*, data: BreachInput, staff_id: str) -> Breach:
    """Record a new breach (its first revision). ``ValidationError`` stores nothing."""
    rules.breach_input_check(data=data, now=clock.now())
    with transaction.atomic():
        breach = Breach(reference=_reference_new(), created_at=clock.now())
        breach.save(force_insert=True)
        revision = _revision_save(breach=breach, number=1, data=data, staff_id=staff_id)
        audit_record(
            event=AuditEventType.STAFF_BREACH_RECORD,
            actor=Actor.staff(staff_id),
            subject_type="breach",
            subject_id=str(breach.pk),
            data=_audit_data(revision),
        )
    return breach


def breach_revise(*, breach: Breach, data: BreachInput, staff_id: str) -> BreachRevision:
    """Record a new state of ``breach`` as its next revision; earlier ones stay as they were."""
    rules.breach_input_check(data=data, now=clock.now())
    with transaction.atomic():
        locked = Breach.objects.select_for_update().get(pk=breach.pk)
        last = locked.revisions.order_by("-number").values_list("number", flat=True).first()
        revision = _revision_save(
            breach=locked, number=(last or 0) + 1, data=data, staff_id=staff_id
        )
        audit_record(
            event=AuditEventType.STAFF_BREACH_REVISE,
            actor=Actor.staff(staff_id),
            subject_type="breach",
            subject_id=str(locked.pk),
            data=_audit_data(revision),
        )
    return revision


@dataclass(frozen=True)
class Sent:
    sending_id: uuid.UUID
    count: int


def _recipients(recipient_ids: list[str]) -> list[Any]:
    """The chosen customers, or ``BreachRecipientError`` naming no one."""
    user_model = get_user_model()
    wanted: set[uuid.UUID] = set()
    for value in recipient_ids:
        try:
            wanted.add(uuid.UUID(str(value)))
        except ValueError as exc:
            raise BreachRecipientError("the list holds something that is not a customer") from exc
    if not wanted:
        raise BreachRecipientError("choose at least one customer")
    found = list(user_model.objects.filter(pk__in=wanted))
    if len(found) != len(wanted):
        raise BreachRecipientError("the list holds someone who is not a known customer")
    if any(user.is_staff or not user.is_active or not user.email for user in found):
        raise BreachRecipientError("the list holds a member of staff or a closed account")
    return sorted(found, key=lambda user: str(user.pk))


def breach_notify(
    *, breach: Breach, recipient_ids: list[str], subject: str, message: str, staff_id: str
) -> Sent:
    """E-mail ``message`` to exactly the chosen customers, one audited row each.

    Refused (nothing stored, nothing sent) unless the current revision decided to tell
    the people, the message is readable text, and every recipient is a known customer.
    Each person's row, audit event and e-mail go together: if the mail server fails,
    that person's row is rolled back and ``BreachSendError`` says how many were told.
    """
    current = breach_current(breach=breach)
    if current is None or current.people_decision != PeopleDecision.TELL:
        raise BreachRecipientError("record the decision to tell the people affected first")
    rules.notice_text_check(subject=subject, message=message)
    recipients = _recipients(recipient_ids)
    sending_id = uuid.uuid4()
    for told, user in enumerate(recipients):
        try:
            _notify_one(
                breach=breach,
                user=user,
                sending_id=sending_id,
                subject=subject.strip(),
                message=message,
                staff_id=staff_id,
            )
        except OSError as exc:
            raise BreachSendError(told) from exc
    return Sent(sending_id=sending_id, count=len(recipients))


class BreachSendError(RuntimeError):
    """The mail server failed part-way: ``told`` people were sent the notice."""

    def __init__(self, told: int) -> None:
        super().__init__(f"the mail server failed after {told} notice(s) were sent")
        self.told = told


def _notify_one(
    *, breach: Breach, user: Any, sending_id: uuid.UUID, subject: str, message: str, staff_id: str
) -> None:
    with transaction.atomic():
        sent = BreachNotification(
            breach=breach,
            recipient=user,
            sending_id=sending_id,
            subject=subject,
            message=message,
            sent_at=clock.now(),
            sent_by_id=str(staff_id),
        )
        sent.save(force_insert=True)
        audit_record(
            event=AuditEventType.STAFF_BREACH_NOTIFY,
            actor=Actor.staff(staff_id),
            subject_type="customer",
            subject_id=str(user.pk),
            data={"breach_id": str(breach.pk), "notification_id": str(sent.pk)},
        )
        # The address is read from the account, decrypted, only to send.
        email_send(
            template="compliance/breaches/email/notice",
            context={"message": message},
            subject=subject,
            to=[user.email],
        )
