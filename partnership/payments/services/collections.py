"""Direct Debit collections: the advance notice, then the payment on the due date.

The notice goes on the 10th working day before the collection day (or up to a week
earlier), fixing the amount; on the day, the collection posts a payment — never more
than the balance, and for a minimum-payment instruction never more than what is
still due after payments made meanwhile.
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

from django.db import IntegrityError, transaction

from partnership.audit.events import AuditEventType
from partnership.audit.services import Actor, audit_record
from partnership.cards.models import CardAccount, CardAccountStatus
from partnership.cards.services.posting import payment_post
from partnership.core.workdays import working_days_before
from partnership.payments.models import (
    CollectionStatus,
    DirectDebitAmount,
    DirectDebitCollection,
    DirectDebitInstruction,
    DirectDebitStatus,
)
from partnership.payments.services.direct_debits import _mail_on_commit
from partnership.payments.workdays import ADVANCE_NOTICE_WORKING_DAYS, collection_day

ZERO = Decimal("0.00")
EARLIEST_NOTICE = dt.timedelta(days=7)
COLLECTION_DESCRIPTION = "Direct Debit payment, thank you"


def amount_due(*, instruction: DirectDebitInstruction, account: CardAccount) -> Decimal:
    balance: Decimal = max(ZERO, account.balance)
    if instruction.amount_kind == DirectDebitAmount.MINIMUM:
        minimum: Decimal = account.minimum_payment
        return min(balance, minimum)
    if instruction.amount_kind == DirectDebitAmount.FULL:
        return balance
    return min(balance, instruction.fixed_amount or ZERO)


def next_collection(
    *, instruction: DirectDebitInstruction, today: dt.date
) -> tuple[dt.date, dt.date] | None:
    """The next collection day and its notice day, or None when no date is due."""
    due_on = instruction.account.payment_due_on
    if due_on is None:
        return None
    day = collection_day(due_on)
    if day < today:
        return None
    return day, working_days_before(day, ADVANCE_NOTICE_WORKING_DAYS)


def direct_debit_notices_send(*, today: dt.date) -> int:
    """Fix and announce each collection whose notice day has come; return how many."""
    sent = 0
    active = DirectDebitInstruction.objects.filter(
        status=DirectDebitStatus.ACTIVE, account__status=CardAccountStatus.OPEN
    ).select_related("account", "account__owner")
    for instruction in active:
        planned = next_collection(instruction=instruction, today=today)
        if planned is None:
            continue
        day, notice_day = planned
        if not notice_day - EARLIEST_NOTICE <= today <= notice_day:
            continue
        if instruction.collections.filter(due_on=day).exists():
            continue
        sent += _notice(instruction=instruction, day=day, today=today)
    return sent


def _notice(*, instruction: DirectDebitInstruction, day: dt.date, today: dt.date) -> int:
    amount = amount_due(instruction=instruction, account=instruction.account)
    status = CollectionStatus.NOTIFIED if amount > ZERO else CollectionStatus.NOTHING_OWED
    try:
        with transaction.atomic():
            collection = DirectDebitCollection.objects.create(
                instruction=instruction,
                account=instruction.account,
                due_on=day,
                amount=amount,
                status=status,
                notified_on=today,
            )
            audit_record(
                event=AuditEventType.PAYMENTS_COLLECTION_NOTICE,
                actor=Actor.system(),
                subject_type="direct_debit_collection",
                subject_id=str(collection.pk),
                data={"direct_debit": str(instruction.pk), "status": status},
            )
            if status == CollectionStatus.NOTIFIED:
                _mail_on_commit(
                    user=instruction.account.owner,
                    subject="Your next Direct Debit collection",
                    template="collection_notice",
                    context={
                        "day": f"{day.day} {day:%B %Y}",
                        "last2": instruction.account_last4[-2:],
                    },
                )
    except IntegrityError:  # another runner noticed it first
        return 0
    return 1 if status == CollectionStatus.NOTIFIED else 0


def direct_debit_collect_due(*, today: dt.date) -> int:
    """Collect every announced collection whose day has come; return how many posted."""
    posted = 0
    due = DirectDebitCollection.objects.filter(
        status=CollectionStatus.NOTIFIED,
        due_on__lte=today,
        instruction__status=DirectDebitStatus.ACTIVE,
    ).values_list("pk", flat=True)
    for pk in list(due):
        posted += _collect(pk=pk, today=today)
    return posted


def _collect(*, pk: uuid.UUID, today: dt.date) -> int:
    with transaction.atomic():
        collection = (
            DirectDebitCollection.objects.select_for_update()
            .select_related("instruction", "account")
            .get(pk=pk)
        )
        if collection.status != CollectionStatus.NOTIFIED:
            return 0
        amount = min(
            collection.amount,
            amount_due(instruction=collection.instruction, account=collection.account),
        )
        if amount > ZERO:
            collection.transaction = payment_post(
                account=collection.account,
                posted_on=today,
                amount=amount,
                description=COLLECTION_DESCRIPTION,
            )
            collection.status = CollectionStatus.COLLECTED
            collection.collected_on = today
            collection.amount = amount
        else:
            collection.status = CollectionStatus.NOTHING_OWED
        collection.save(update_fields=["status", "collected_on", "transaction", "amount"])
        audit_record(
            event=AuditEventType.PAYMENTS_COLLECTION_COLLECT,
            actor=Actor.system(),
            subject_type="direct_debit_collection",
            subject_id=str(collection.pk),
            data={"direct_debit": str(collection.instruction_id), "status": collection.status},
        )
    return 1 if collection.status == CollectionStatus.COLLECTED else 0
