"""Reporting a card lost or stolen, and the demo card network's authorisations."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from partnership.accounts.models import CustomerProfile
from partnership.accounts.services.sign_in import SignInClient
from partnership.accounts.tests.conftest import frozen_clock  # noqa: F401
from partnership.accounts.tests.support import code_now
from partnership.audit.models import AuditEvent
from partnership.audit.services import Actor
from partnership.cards.models import (
    BlockReason,
    Card,
    CardStatus,
    SpendingCategory,
    Transaction,
    TransactionDispute,
)
from partnership.cards.selectors import dispute_deadline, replacement_progress
from partnership.cards.services.authorise import Authorisation, Decline, card_authorise
from partnership.cards.services.controls import card_freeze
from partnership.cards.services.errors import CardServiceError, CardStateError
from partnership.cards.services.lost import AddressRefused, NewAddress, card_report_lost
from partnership.cards.tests.card_support import account_with_card
from partnership.cards.tests.factories import post, purchase

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]

CLIENT = SignInClient(key="test-client", ip_address="192.0.2.1", user_agent="test")


def buy(card: Card, amount: str) -> Authorisation:
    return card_authorise(
        card=card,
        amount=Decimal(amount),
        merchant="Corner Grocer",
        category=SpendingCategory.GROCERIES,
    )


def test_an_active_card_authorises_within_the_available_credit_and_posts_it() -> None:
    _user, account, card = account_with_card()

    result = card_authorise(
        card=card,
        amount=Decimal("12.50"),
        merchant="Corner Grocer",
        category=SpendingCategory.GROCERIES,
    )

    assert result.authorised
    row = Transaction.objects.get(account=account)
    assert (row.amount, row.description, row.kind) == (
        Decimal("12.50"),
        "Corner Grocer",
        "purchase",
    )
    account.refresh_from_db()
    assert account.balance == Decimal("12.50")
    assert result.transaction == row


@pytest.mark.parametrize("state", ["inactive", "frozen", "blocked", "over_limit"])
def test_a_declined_purchase_posts_nothing(state: str) -> None:
    user, account, card = account_with_card(active=state != "inactive")
    if state == "frozen":
        card_freeze(card=card, actor=Actor.customer(user.pk))
    if state == "blocked":
        card_report_lost(card=card, user=user, reason=BlockReason.STOLEN)
    amount = Decimal("1000.01") if state == "over_limit" else Decimal("5.00")

    result = card_authorise(
        card=card, amount=amount, merchant="Corner Grocer", category=SpendingCategory.GROCERIES
    )

    expected = {
        "inactive": Decline.INACTIVE,
        "frozen": Decline.FROZEN,
        "blocked": Decline.BLOCKED,
        "over_limit": Decline.INSUFFICIENT_CREDIT,
    }[state]
    assert (result.authorised, result.decline, result.transaction) == (False, expected, None)
    assert Transaction.objects.filter(account=account).count() == 0
    account.refresh_from_db()
    assert account.balance == Decimal("0.00")
    decided = AuditEvent.objects.filter(event="cards:card:authorise").get()
    assert (decided.reason, decided.data) == (expected.value, {"transaction": None})


def test_the_command_exits_0_authorised_1_declined_2_bad_arguments() -> None:
    user, account, card = account_with_card()
    out = io.StringIO()

    call_command(
        "card_authorise", str(card.pk), "20.00", "--merchant", "Rail Ticket Office", stdout=out
    )
    assert out.getvalue().startswith("Authorised: transaction ")
    card_freeze(card=card, actor=Actor.customer(user.pk))
    with pytest.raises(CommandError) as declined:
        call_command("card_authorise", str(card.pk), "5.00", stdout=io.StringIO())
    assert (declined.value.returncode, str(declined.value)) == (1, "Declined: card_frozen")
    for args in (
        ["not-a-card", "5.00"],
        [str(card.pk), "five"],
        [str(card.pk), "-1"],
        [str(card.pk), "1.001"],
    ):
        with pytest.raises(CommandError) as bad:
            call_command("card_authorise", *args, stdout=io.StringIO())
        assert bad.value.returncode == 2
    account.refresh_from_db()
    assert account.balance == Decimal("20.00")


def test_reporting_stolen_blocks_for_good_raises_disputes_and_orders_a_replacement() -> None:
    user, account, card = account_with_card()
    today = dt.date(2026, 11, 25)
    [recent, older] = post(
        account,
        purchase(dt.date(2026, 11, 20), "Online Marketplace UK", "49.99"),
        purchase(dt.date(2026, 9, 1), "Village Bakery", "6.50"),
    )

    replacement = card_report_lost(
        card=card, user=user, reason=BlockReason.STOLEN, disputed={recent.pk}
    )

    card.refresh_from_db()
    assert (card.status, card.blocked_on, card.block_reason) == ("blocked", today, "stolen")
    assert replacement.status == CardStatus.INACTIVE
    assert replacement.replaces_id == card.pk
    assert replacement.pan != card.pan
    [dispute] = TransactionDispute.objects.all()
    assert (dispute.transaction_id, dispute.card_id, dispute.status) == (recent.pk, card.pk, "open")
    assert dispute_deadline(recent.posted_on) == dt.date(2027, 12, 20)
    assert older.pk != recent.pk
    progress = replacement_progress(account=account, today=today)
    assert progress is not None
    # Ordered Wednesday 25 November: sent Thursday, delivered three working days on.
    assert (progress.sent_on, progress.delivered_by, progress.stage) == (
        dt.date(2026, 11, 26),
        dt.date(2026, 12, 1),
        "ordered",
    )
    # The old card never authorises again.
    assert buy(card, "1.00").decline == Decline.BLOCKED


def test_a_replacement_ordered_before_christmas_counts_past_the_bank_holidays() -> None:
    user, account, card = account_with_card()
    replacement = card_report_lost(card=card, user=user, reason=BlockReason.LOST)
    Card.objects.filter(pk=replacement.pk).update(issued_on=dt.date(2026, 12, 23))

    progress = replacement_progress(account=account, today=dt.date(2026, 12, 29))

    assert progress is not None
    # Sent Thursday 24 December; 25 and 28 December are bank holidays, so the three
    # working days to delivery are 29, 30 and 31 December.
    assert (progress.sent_on, progress.delivered_by, progress.stage) == (
        dt.date(2026, 12, 24),
        dt.date(2026, 12, 31),
        "sent",
    )


def test_reporting_twice_is_refused_and_creates_nothing() -> None:
    user, _account, card = account_with_card()
    card_report_lost(card=card, user=user, reason=BlockReason.LOST)
    cards_before = Card.objects.count()

    with pytest.raises(CardStateError, match="already been reported"):
        card_report_lost(card=card, user=user, reason=BlockReason.LOST)

    assert Card.objects.count() == cards_before == 2


def test_a_transaction_not_listed_refuses_the_whole_report() -> None:
    user, account, card = account_with_card()
    [old] = post(account, purchase(dt.date(2026, 9, 1), "Village Bakery", "6.50"))

    with pytest.raises(CardServiceError, match="choose only from the transactions listed"):
        card_report_lost(card=card, user=user, reason=BlockReason.LOST, disputed={old.pk})

    card.refresh_from_db()
    assert card.status == CardStatus.ACTIVE
    assert (Card.objects.count(), TransactionDispute.objects.count()) == (1, 0)


def test_a_new_address_needs_the_code_and_a_wrong_code_changes_nothing() -> None:
    user, _account, card = account_with_card()
    wrong = NewAddress("2 New Road\nNewtown", "NE1 2WT", "000000", CLIENT)

    with pytest.raises(AddressRefused):
        card_report_lost(card=card, user=user, reason=BlockReason.LOST, new_address=wrong)

    card.refresh_from_db()
    assert card.status == CardStatus.ACTIVE
    assert Card.objects.count() == 1
    assert CustomerProfile.objects.get(user=user).postcode == "TE1 1ST"

    right = NewAddress("2 New Road\nNewtown", "NE1 2WT", code_now(), CLIENT)
    card_report_lost(card=card, user=user, reason=BlockReason.LOST, new_address=right)
    profile = CustomerProfile.objects.get(user=user)
    assert (profile.postal_address, profile.postcode) == ("2 New Road\nNewtown", "NE1 2WT")
    assert Card.objects.count() == 2


def test_an_expired_card_is_declined_and_nothing_posts() -> None:
    _user, account, card = account_with_card()
    Card.objects.filter(pk=card.pk).update(expiry_month=10, expiry_year=2026)
    card.refresh_from_db()

    result = buy(card, "5.00")

    assert result.decline == Decline.EXPIRED
    assert Transaction.objects.filter(account=account).count() == 0
