"""Issuing a card and recording each change of its status (the account's activity)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from partnership.audit.events import AuditEventType
from partnership.audit.services import Actor, audit_record
from partnership.cards.models import Card, CardAccount, CardStatus, CardStatusChange, ChangedBy
from partnership.cards.services.numbers import pan_index

# A card is valid to the end of its issue month three years on.
CARD_LIFE_YEARS = 3


def changed_by(actor: Actor) -> ChangedBy:
    """Who made a change, as the activity shows it (never who exactly: that is audited)."""
    kind = actor.kind
    if kind == "customer":
        return ChangedBy.CUSTOMER
    if kind == "staff":
        return ChangedBy.STAFF
    return ChangedBy.SYSTEM


def status_change_record(
    *, card: Card, from_status: str, to_status: str, actor: Actor, event: AuditEventType
) -> CardStatusChange:
    """One row of the card's history and its audit event (ids and statuses only)."""
    change = CardStatusChange(
        account_id=card.account_id,
        card=card,
        from_status=from_status,
        to_status=to_status,
        changed_by=changed_by(actor),
    )
    change.full_clean()
    change.save()
    audit_record(
        event=event,
        actor=actor,
        subject_type="card",
        subject_id=str(card.pk),
        data={
            "card_account": str(card.account_id),
            "from": from_status or None,
            "to": to_status,
        },
    )
    return change


def card_issue(
    *,
    account: CardAccount,
    pan: str,
    issued_on: dt.date,
    replaces: Card | None = None,
    actor: Actor | None = None,
) -> Card:
    """A new card on the account, inactive until its holder activates it."""
    card = Card(
        account=account,
        pan=pan,
        pan_index=pan_index(pan),
        pan_last4=pan[-4:],
        expiry_month=issued_on.month,
        expiry_year=issued_on.year + CARD_LIFE_YEARS,
        status=CardStatus.INACTIVE,
        replaces=replaces,
        issued_on=issued_on,
    )
    card.full_clean()
    with transaction.atomic():
        card.save()
        status_change_record(
            card=card,
            from_status="",
            to_status=CardStatus.INACTIVE,
            actor=actor or Actor.system(),
            event=AuditEventType.CARDS_CARD_ISSUE,
        )
    return card
