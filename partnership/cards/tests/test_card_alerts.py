"""Card events raise the alerts the customer chose (alerts.alert_raise), once each,
after the change commits, and never with a card number or an amount."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

import pytest
from django.core import mail

from partnership.accounts.tests.conftest import frozen_clock  # noqa: F401
from partnership.alerts.models import AlertKind, SentAlert
from partnership.alerts.tests.support import choose
from partnership.audit.services import Actor
from partnership.cards.models import BlockReason, SpendingCategory
from partnership.cards.services.authorise import card_authorise
from partnership.cards.services.controls import card_freeze, card_unfreeze
from partnership.cards.services.lost import card_report_lost
from partnership.cards.services.posting import payment_post
from partnership.cards.tests.card_support import account_with_card

pytestmark = pytest.mark.django_db(transaction=True)


def test_freezing_sends_the_card_status_alert_and_unfreezing_sends_none() -> None:
    user, _account, card = account_with_card()
    choose(user, AlertKind.CARD_STATUS)

    card_freeze(card=card, actor=Actor.customer(user.pk))
    card_unfreeze(card=card, actor=Actor.customer(user.pk))

    [message] = mail.outbox
    assert message.to == [user.email]
    assert "frozen" in message.body
    assert card.pan_last4 not in message.body
    assert list(SentAlert.objects.values_list("kind", flat=True)) == [AlertKind.CARD_STATUS]


def test_reporting_a_card_lost_sends_the_blocked_alert() -> None:
    user, _account, card = account_with_card()
    choose(user, AlertKind.CARD_STATUS)

    card_report_lost(card=card, user=user, reason=BlockReason.LOST, rng=random.Random(7))

    [message] = mail.outbox
    assert "blocked" in message.body


def test_an_authorised_purchase_over_the_amount_alerts_and_a_declined_one_does_not() -> None:
    user, _account, card = account_with_card()
    choose(user, AlertKind.PURCHASE_OVER, amount="100.00")

    card_authorise(
        card=card, amount=Decimal("150.00"), merchant="Shop", category=SpendingCategory.OTHER
    )
    card_authorise(
        card=card, amount=Decimal("5000.00"), merchant="Shop", category=SpendingCategory.OTHER
    )
    card_authorise(
        card=card, amount=Decimal("20.00"), merchant="Shop", category=SpendingCategory.OTHER
    )

    [message] = mail.outbox
    assert "150" not in message.body
    assert SentAlert.objects.count() == 1


def test_a_payment_received_sends_its_alert_once_committed() -> None:
    user, account, _card = account_with_card()
    choose(user, AlertKind.PAYMENT_RECEIVED)

    payment_post(
        account=account,
        posted_on=dt.date(2025, 2, 1),
        amount=Decimal("40.00"),
        description="Payment",
    )

    [message] = mail.outbox
    assert "40" not in message.body
    assert list(SentAlert.objects.values_list("kind", flat=True)) == [AlertKind.PAYMENT_RECEIVED]
