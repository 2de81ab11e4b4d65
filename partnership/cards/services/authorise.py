"""The demo card network: authorise or decline a purchase on a card, and post it.

Only an ``active``, unexpired card on an open account authorises, and only within the
available credit (limit less balance). A declined purchase posts nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from django.db import transaction

from partnership.alerts.models import AlertKind
from partnership.alerts.services import alert_raise
from partnership.audit.events import AuditEventType
from partnership.audit.services import Actor, audit_record
from partnership.cards.models import (
    Card,
    CardAccount,
    CardAccountStatus,
    CardStatus,
    SpendingCategory,
    Transaction,
    TransactionKind,
)
from partnership.cards.services.errors import CardServiceError
from partnership.cards.services.posting import TransactionInput, transactions_post
from partnership.core import clock

MAX_DESCRIPTION = 200


class Decline(StrEnum):
    INACTIVE = "card_inactive"
    FROZEN = "card_frozen"
    BLOCKED = "card_blocked"
    EXPIRED = "card_expired"
    ACCOUNT_CLOSED = "account_closed"
    INSUFFICIENT_CREDIT = "insufficient_credit"


_BY_STATUS = {
    CardStatus.INACTIVE: Decline.INACTIVE,
    CardStatus.FROZEN: Decline.FROZEN,
    CardStatus.BLOCKED: Decline.BLOCKED,
}


@dataclass(frozen=True)
class Authorisation:
    decline: Decline | None
    transaction: Transaction | None = None

    @property
    def authorised(self) -> bool:
        return self.decline is None


def _decline_for(*, card: Card, account: CardAccount, amount: Decimal) -> Decline | None:
    if card.status in _BY_STATUS:
        return _BY_STATUS[CardStatus(card.status)]
    if card.expired_on(clock.today_in_london()):
        return Decline.EXPIRED
    if account.status != CardAccountStatus.OPEN:
        return Decline.ACCOUNT_CLOSED
    if amount > account.available_credit:
        return Decline.INSUFFICIENT_CREDIT
    return None


def card_authorise(
    *, card: Card, amount: Decimal, merchant: str, category: SpendingCategory
) -> Authorisation:
    """Decide on one purchase and, when authorised, post it to the account."""
    if amount <= 0 or amount.as_tuple().exponent < -2:  # type: ignore[operator]
        raise CardServiceError("the amount must be a positive sum in pounds and pence")
    merchant = merchant.strip()
    if not merchant or len(merchant) > MAX_DESCRIPTION:
        raise CardServiceError(f"the merchant must be 1 to {MAX_DESCRIPTION} characters")
    with transaction.atomic():
        locked = Card.objects.select_for_update().defer("pan").get(pk=card.pk)
        account = CardAccount.objects.select_for_update().defer("pan").get(pk=locked.account_id)
        decline = _decline_for(card=locked, account=account, amount=amount)
        posted = None
        if decline is None:
            entry = TransactionInput(
                clock.today_in_london(), TransactionKind.PURCHASE, merchant, category, amount
            )
            [posted] = transactions_post(account=account, entries=[entry])
        audit_record(
            event=AuditEventType.CARDS_CARD_AUTHORISE,
            actor=Actor.system(),
            subject_type="card",
            subject_id=str(locked.pk),
            reason=decline.value if decline else "authorised",
            data={"transaction": str(posted.pk) if posted else None},
        )
    if posted is not None:
        alert_raise(user=account.owner, kind=AlertKind.PURCHASE_OVER, amount=amount)
    return Authorisation(decline, posted)
