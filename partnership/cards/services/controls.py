"""Card controls the customer uses: activate, freeze and unfreeze.

Activation asks for what is printed on the card (last four digits and expiry). Wrong
answers are counted per card by the shared rate limiter: after ``ACTIVATION_GUESSES``
in ``ACTIVATION_WINDOW`` that card cannot be activated for a while. Someone holding the
customer's session can therefore delay the activation of that one card, and nothing
else: sign-in, the other card controls and the rest of the account are untouched.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from django.db import transaction

from partnership.alerts.models import AlertKind
from partnership.alerts.services import alert_raise
from partnership.audit.events import AuditEventType
from partnership.audit.services import Actor, audit_record
from partnership.cards.models import Card, CardStatus
from partnership.cards.services.errors import CardStateError
from partnership.cards.services.issue import status_change_record
from partnership.core import clock
from partnership.core.ratelimit import rate_limit_check, rate_limit_hit

ACTIVATION_SCOPE = "card-activate"
ACTIVATION_GUESSES = 5
ACTIVATION_WINDOW = dt.timedelta(hours=1)


class ActivationOutcome(StrEnum):
    ACTIVATED = "activated"
    WRONG_DETAILS = "wrong_details"
    LOCKED = "locked"


@dataclass(frozen=True)
class ActivationResult:
    outcome: ActivationOutcome
    retry_after: dt.datetime | None = None


def _locked(card: Card) -> Card:
    return Card.objects.select_for_update().get(pk=card.pk)


def _refresh(card: Card, locked: Card) -> None:
    for name in ("status", "activated_on", "blocked_on", "block_reason"):
        setattr(card, name, getattr(locked, name))


def card_activate(
    *, card: Card, last4: str, expiry_month: int, expiry_year: int, actor: Actor
) -> ActivationResult:
    """Activate an inactive card when the details printed on it are given right.

    ``expiry_year`` is the full year (2029). A card that is not inactive raises
    ``CardStateError``; wrong details change nothing but are counted and audited.
    """
    key = str(card.pk)
    limits = {"scope": ACTIVATION_SCOPE, "key": key, "limit": ACTIVATION_GUESSES}
    gate = rate_limit_check(**limits, window=ACTIVATION_WINDOW)  # type: ignore[arg-type]
    if not gate.allowed:
        return ActivationResult(ActivationOutcome.LOCKED, gate.retry_after)
    with transaction.atomic():
        locked = _locked(card)
        if locked.status != CardStatus.INACTIVE:
            raise CardStateError("this card is already activated or can no longer be used")
        right = (locked.pan_last4, locked.expiry_month, locked.expiry_year) == (
            last4,
            expiry_month,
            expiry_year,
        )
        if right:
            locked.status = CardStatus.ACTIVE
            locked.activated_on = clock.today_in_london()
            locked.save(update_fields=["status", "activated_on"])
            status_change_record(
                card=locked,
                from_status=CardStatus.INACTIVE,
                to_status=CardStatus.ACTIVE,
                actor=actor,
                event=AuditEventType.CARDS_CARD_ACTIVATE,
            )
    if right:
        _refresh(card, locked)
        return ActivationResult(ActivationOutcome.ACTIVATED)
    return _activation_refused(card=card, actor=actor)


def _activation_refused(*, card: Card, actor: Actor) -> ActivationResult:
    decision = rate_limit_hit(
        scope=ACTIVATION_SCOPE, key=str(card.pk), limit=ACTIVATION_GUESSES, window=ACTIVATION_WINDOW
    )
    outcome = ActivationOutcome.WRONG_DETAILS if decision.allowed else ActivationOutcome.LOCKED
    with transaction.atomic():
        audit_record(
            event=AuditEventType.CARDS_CARD_ACTIVATE_FAILURE,
            actor=actor,
            subject_type="card",
            subject_id=str(card.pk),
            reason=outcome.value,
            data={"card_account": str(card.account_id)},
        )
    retry = None if decision.allowed else decision.retry_after
    return ActivationResult(outcome, retry)


def _refusal(*, target: CardStatus, current: str) -> str:
    if target == CardStatus.ACTIVE:
        return "your card is not frozen"
    if current == CardStatus.FROZEN:
        return "your card is already frozen"
    return "only an active card can be frozen"


def _switch(*, card: Card, actor: Actor, source: CardStatus, target: CardStatus) -> Card:
    event = (
        AuditEventType.CARDS_CARD_FREEZE
        if target == CardStatus.FROZEN
        else AuditEventType.CARDS_CARD_UNFREEZE
    )
    with transaction.atomic():
        locked = _locked(card)
        if locked.status != source:
            raise CardStateError(_refusal(target=target, current=locked.status))
        locked.status = target
        locked.save(update_fields=["status"])
        status_change_record(
            card=locked, from_status=source, to_status=target, actor=actor, event=event
        )
    _refresh(card, locked)
    if target == CardStatus.FROZEN:
        alert_raise(user=card.account.owner, kind=AlertKind.CARD_STATUS, status="frozen")
    return card


def card_freeze(*, card: Card, actor: Actor) -> Card:
    """Freeze an active card at once: purchases are declined until it is unfrozen."""
    return _switch(card=card, actor=actor, source=CardStatus.ACTIVE, target=CardStatus.FROZEN)


def card_unfreeze(*, card: Card, actor: Actor) -> Card:
    """Unfreeze a frozen card at once."""
    return _switch(card=card, actor=actor, source=CardStatus.FROZEN, target=CardStatus.ACTIVE)
