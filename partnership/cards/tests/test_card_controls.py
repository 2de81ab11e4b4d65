"""Card services: issue, activate (with its throttle), freeze and unfreeze."""

from __future__ import annotations

import uuid

import pytest

from partnership.accounts.tests.conftest import frozen_clock  # noqa: F401
from partnership.audit.models import AuditEvent
from partnership.audit.services import Actor
from partnership.cards.models import CardStatus, CardStatusChange
from partnership.cards.services.controls import (
    ACTIVATION_GUESSES,
    ActivationOutcome,
    card_activate,
    card_freeze,
    card_unfreeze,
)
from partnership.cards.services.errors import CardStateError
from partnership.cards.tests.card_support import account_with_card

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]


def events(name: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(event=name).order_by("id"))


def history(card_id: uuid.UUID) -> list[tuple[str, str, str]]:
    rows = CardStatusChange.objects.filter(card_id=card_id).order_by("changed_at", "id")
    return [(row.from_status, row.to_status, row.changed_by) for row in rows]


def test_an_account_opens_with_one_inactive_card_carrying_its_number() -> None:
    _user, account, card = account_with_card(active=False)

    assert card.status == CardStatus.INACTIVE
    assert card.pan == account.pan
    assert card.pan_last4 == account.pan_last4
    assert (card.expiry_month, card.expiry_year) == (10, 2029)
    assert card.expiry_label == "10/29"
    assert card.replaces is None
    assert history(card.pk) == [("", "inactive", "system")]
    [issued] = events("cards:card:issue")
    assert issued.subject_id == str(card.pk)
    assert issued.data == {"card_account": str(account.pk), "from": None, "to": "inactive"}


@pytest.mark.parametrize(
    ("last4", "expiry"), [("0000", None), (None, (1, 2029)), (None, (10, 2030))]
)
def test_wrong_details_change_nothing_and_are_audited(
    last4: str | None, expiry: tuple[int, int] | None
) -> None:
    user, _account, card = account_with_card(active=False)
    month, year = expiry or (card.expiry_month, card.expiry_year)
    given = last4 if last4 != card.pan_last4 else "9999"

    result = card_activate(
        card=card,
        last4=given or card.pan_last4,
        expiry_month=month,
        expiry_year=year,
        actor=Actor.customer(user.pk),
    )

    assert result.outcome == ActivationOutcome.WRONG_DETAILS
    card.refresh_from_db()
    assert (card.status, card.activated_on) == (CardStatus.INACTIVE, None)
    assert history(card.pk) == [("", "inactive", "system")]
    [failure] = events("cards:card:activate-failure")
    assert (failure.reason, failure.actor_id) == ("wrong_details", str(user.pk))


def test_the_right_details_activate_the_card() -> None:
    user, _account, card = account_with_card(active=True)

    card.refresh_from_db()
    assert card.status == CardStatus.ACTIVE
    assert card.activated_on is not None
    assert history(card.pk) == [("", "inactive", "system"), ("inactive", "active", "customer")]
    with pytest.raises(CardStateError, match="already activated"):
        card_activate(
            card=card,
            last4=card.pan_last4,
            expiry_month=card.expiry_month,
            expiry_year=card.expiry_year,
            actor=Actor.customer(user.pk),
        )


def test_too_many_wrong_guesses_pause_activation_even_with_the_right_details() -> None:
    user, _account, card = account_with_card(active=False)
    actor = Actor.customer(user.pk)
    wrong = "0000" if card.pan_last4 != "0000" else "1111"
    outcomes = [
        card_activate(
            card=card,
            last4=wrong,
            expiry_month=card.expiry_month,
            expiry_year=card.expiry_year,
            actor=actor,
        ).outcome
        for _ in range(ACTIVATION_GUESSES)
    ]

    right = card_activate(
        card=card,
        last4=card.pan_last4,
        expiry_month=card.expiry_month,
        expiry_year=card.expiry_year,
        actor=actor,
    )

    assert outcomes == [ActivationOutcome.WRONG_DETAILS] * ACTIVATION_GUESSES
    assert right.outcome == ActivationOutcome.LOCKED
    assert right.retry_after is not None
    card.refresh_from_db()
    assert card.status == CardStatus.INACTIVE


def test_freeze_and_unfreeze_take_effect_at_once_and_a_second_freeze_is_refused() -> None:
    user, _account, card = account_with_card()
    actor = Actor.customer(user.pk)

    card_freeze(card=card, actor=actor)
    assert card.status == CardStatus.FROZEN
    with pytest.raises(CardStateError, match=r"^your card is already frozen$"):
        card_freeze(card=card, actor=actor)
    card_unfreeze(card=card, actor=actor)
    with pytest.raises(CardStateError, match=r"^your card is not frozen$"):
        card_unfreeze(card=card, actor=actor)

    card.refresh_from_db()
    assert card.status == CardStatus.ACTIVE
    assert history(card.pk)[2:] == [
        ("active", "frozen", "customer"),
        ("frozen", "active", "customer"),
    ]
    assert [e.data["to"] for e in events("cards:card:freeze")] == ["frozen"]
    assert [e.data["to"] for e in events("cards:card:unfreeze")] == ["active"]


def test_an_inactive_card_cannot_be_frozen() -> None:
    user, _account, card = account_with_card(active=False)

    with pytest.raises(CardStateError, match=r"^only an active card can be frozen$"):
        card_freeze(card=card, actor=Actor.customer(user.pk))

    card.refresh_from_db()
    assert card.status == CardStatus.INACTIVE
    assert events("cards:card:freeze") == []
