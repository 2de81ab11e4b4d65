"""Reporting a card lost or stolen: block it for good, flag disputed transactions,
order a replacement with a new number to the address on file.

The address may be changed on the way, which asks for the second factor again
(``privacy_centre``'s details service does the re-authentication and the change).
Everything is checked before anything is written: a card already blocked or
replaced, or a transaction not on the list, refuses the whole report.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Collection
from dataclasses import dataclass

from django.db import transaction

from partnership.accounts.models import User
from partnership.accounts.services.sign_in import SignInClient
from partnership.alerts.models import AlertKind
from partnership.alerts.services import alert_raise
from partnership.audit.events import AuditEventType
from partnership.audit.services import Actor, audit_record
from partnership.cards.models import BlockReason, Card, CardStatus, TransactionDispute
from partnership.cards.selectors import disputable_transactions
from partnership.cards.services.errors import CardServiceError, CardStateError
from partnership.cards.services.issue import card_issue, status_change_record
from partnership.cards.services.numbers import pan_new
from partnership.core import clock
from partnership.privacy_centre.services.details import (
    CustomerDetails,
    DetailsOutcome,
    customer_details_correct,
    customer_details_current,
)


class AddressRefused(CardServiceError):
    """The new address was not accepted (a wrong code, or locked out); nothing changed."""

    def __init__(self, outcome: DetailsOutcome) -> None:
        super().__init__(outcome.value)
        self.outcome = outcome


@dataclass(frozen=True)
class NewAddress:
    postal_address: str
    postcode: str
    code: str  # the second factor, asked again
    client: SignInClient


def _check_reportable(card: Card) -> None:
    if card.status == CardStatus.BLOCKED:
        raise CardStateError("this card has already been reported and blocked")
    if Card.objects.filter(replaces=card).exists():
        raise CardStateError("a replacement for this card has already been ordered")


def _address_change(*, user: User, address: NewAddress) -> None:
    current = customer_details_current(user=user)
    details = CustomerDetails(
        full_name=current.full_name,
        email=current.email,
        postal_address=address.postal_address,
        postcode=address.postcode,
        phone=current.phone,
    )
    result = customer_details_correct(
        user=user, details=details, code=address.code, client=address.client
    )
    if result.outcome not in (DetailsOutcome.CHANGED, DetailsOutcome.NOTHING_CHANGED):
        raise AddressRefused(result.outcome)


def card_report_lost(
    *,
    card: Card,
    user: User,
    reason: BlockReason,
    disputed: Collection[uuid.UUID] = (),
    new_address: NewAddress | None = None,
    rng: random.Random | None = None,
) -> Card:
    """Block ``card``, raise a dispute per transaction in ``disputed`` and return the
    replacement (inactive, a new number). Refuses a blocked or replaced card.
    ``rng`` is for repeatable demo numbers only."""
    _check_reportable(card)
    today = clock.today_in_london()
    eligible = {row.pk for row in disputable_transactions(account=card.account, today=today)}
    if not set(disputed) <= eligible:
        raise CardServiceError("choose only from the transactions listed")
    if new_address is not None:
        _address_change(user=user, address=new_address)
    actor = Actor.customer(user.pk)
    with transaction.atomic():
        locked = Card.objects.select_for_update().get(pk=card.pk)
        _check_reportable(locked)
        previous = locked.status
        locked.status = CardStatus.BLOCKED
        locked.blocked_on = today
        locked.block_reason = reason
        locked.save(update_fields=["status", "blocked_on", "block_reason"])
        status_change_record(
            card=locked,
            from_status=previous,
            to_status=CardStatus.BLOCKED,
            actor=actor,
            event=AuditEventType.CARDS_CARD_BLOCK,
        )
        for transaction_id in sorted(disputed):
            _dispute_raise(card=locked, transaction_id=transaction_id, actor=actor)
        replacement = card_issue(
            account=locked.account,
            pan=pan_new(rng=rng),
            issued_on=today,
            replaces=locked,
            actor=actor,
        )
    card.status, card.blocked_on, card.block_reason = locked.status, today, reason
    alert_raise(user=card.account.owner, kind=AlertKind.CARD_STATUS, status="blocked")
    return replacement


def _dispute_raise(*, card: Card, transaction_id: uuid.UUID, actor: Actor) -> None:
    dispute = TransactionDispute(
        account_id=card.account_id, card=card, transaction_id=transaction_id
    )
    dispute.full_clean()
    dispute.save()
    audit_record(
        event=AuditEventType.CARDS_DISPUTE_RAISE,
        actor=actor,
        subject_type="transaction-dispute",
        subject_id=str(dispute.pk),
        data={"card": str(card.pk), "transaction": str(transaction_id)},
    )
