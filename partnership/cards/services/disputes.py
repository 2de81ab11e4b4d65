"""Closing a dispute: an agent upholds it (the amount is credited back) or rejects it.

A dispute closes once. The outcome, its date, the agent and the note are written with
the credit and the audit event in one transaction; a second close is refused
(``CardStateError``, a 409) and changes nothing.
"""

from __future__ import annotations

import uuid

from django.db import transaction

from partnership.audit.events import AuditEventType
from partnership.audit.services import Actor, audit_record
from partnership.cards.models import DisputeStatus, Transaction, TransactionDispute, TransactionKind
from partnership.cards.services.errors import CardStateError
from partnership.cards.services.posting import TransactionInput, transactions_post
from partnership.core import clock

SUBJECT_TYPE = "transaction-dispute"
CREDIT_PREFIX = "Refund of disputed transaction: "
CLOSED_ALREADY = "this dispute is already closed"
OUTCOMES = frozenset({DisputeStatus.UPHELD, DisputeStatus.REJECTED})


def dispute_close(
    *,
    dispute: TransactionDispute,
    outcome: DisputeStatus,
    note: str,
    staff_id: uuid.UUID,
    grant_id: uuid.UUID | int,
) -> TransactionDispute:
    """Close ``dispute`` as ``outcome``; an upheld one posts the amount back as a refund.

    Raises ``ValidationError`` for a note that cannot be kept (too long, a card-like
    number) and ``CardStateError`` when the dispute is no longer open; either way
    nothing is written.
    """
    if outcome not in OUTCOMES:
        raise ValueError(f"a dispute closes as upheld or rejected, not {outcome!r}")
    with transaction.atomic():
        locked = (
            TransactionDispute.objects.select_for_update()
            .select_related("transaction", "account")
            .get(pk=dispute.pk)
        )
        if not locked.is_open:
            raise CardStateError(CLOSED_ALREADY)
        locked.status = outcome
        locked.outcome_on = clock.today_in_london()
        locked.decided_by_id = staff_id
        locked.outcome_note = note
        locked.full_clean()
        if outcome == DisputeStatus.UPHELD:
            locked.credit = _credit_back(locked)
        locked.save()
        audit_record(
            event=AuditEventType.CARDS_DISPUTE_CLOSE,
            actor=Actor.staff(staff_id),
            subject_type=SUBJECT_TYPE,
            subject_id=str(locked.pk),
            reason=str(outcome),
            data={
                "outcome": str(outcome),
                "grant": str(grant_id),
                "credit": str(locked.credit_id) if locked.credit_id else None,
            },
        )
    return locked


def _credit_back(dispute: TransactionDispute) -> Transaction:
    disputed = dispute.transaction
    [credit] = transactions_post(
        account=dispute.account,
        entries=[
            TransactionInput(
                posted_on=clock.today_in_london(),
                kind=TransactionKind.REFUND,
                description=(CREDIT_PREFIX + disputed.description)[:200],
                category=disputed.category,
                amount=-disputed.amount,
            )
        ],
    )
    return credit


def dispute_close_refused_record(*, staff_id: uuid.UUID, dispute_id: uuid.UUID) -> None:
    """An agent tried to close a dispute without a live grant for the customer."""
    audit_record(
        event=AuditEventType.CARDS_DISPUTE_CLOSE_REFUSED,
        actor=Actor.staff(staff_id),
        subject_type=SUBJECT_TYPE,
        subject_id=str(dispute_id),
        reason="no_access_grant",
        data={},
    )
