"""The demo seeder gives each customer a card story: a replaced card and an active one."""

from __future__ import annotations

import json

import pytest
from django.core.serializers.json import DjangoJSONEncoder

from partnership.accounts.tests.support import customer_make
from partnership.cards.demo import seed_card_accounts
from partnership.cards.models import Card, CardStatusChange, TransactionDispute
from partnership.cards.selectors import card_current, replacement_progress
from partnership.core import clock
from partnership.privacy.export import subject_access_collect
from partnership.privacy.inventory import registered
from partnership.privacy.subjects import DataSubject

pytestmark = pytest.mark.django_db


def test_each_demo_customer_has_an_active_card_replacing_a_blocked_one() -> None:
    user = customer_make()

    seed_card_accounts()

    account = user.card_accounts.get()
    old, new = Card.objects.filter(account=account).order_by("created_at")
    assert (old.status, old.block_reason, new.status) == ("blocked", "lost", "active")
    assert new.replaces_id == old.pk
    assert card_current(account=account) == new
    steps = CardStatusChange.objects.filter(account=account).order_by("changed_at", "id")
    assert [(s.card_id == new.pk, s.from_status, s.to_status) for s in steps] == [
        (False, "", "inactive"),
        (False, "inactive", "active"),
        (False, "active", "frozen"),
        (False, "frozen", "active"),
        (False, "active", "blocked"),
        (True, "", "inactive"),
        (True, "inactive", "active"),
    ]
    progress = replacement_progress(account=account, today=clock.today_in_london())
    assert progress is not None
    assert progress.stage == "delivered"


def test_the_subject_access_export_has_cards_masked_their_history_and_disputes() -> None:
    user = customer_make()
    seed_card_accounts()
    account = user.card_accounts.get()
    old, new = Card.objects.filter(account=account).order_by("created_at")
    entries = {entry.category: entry for entry in registered()}

    data = subject_access_collect(
        subject=DataSubject(email="ada.test@example.com", user_id=user.pk)
    )

    assert [(c["card_number"], c["status"]) for c in data["cards"]] == [
        (old.masked_pan, "blocked"),
        (new.masked_pan, "active"),
    ]
    assert data["cards"][1]["expiry"] == new.expiry_label
    assert [row["to_status"] for row in data["card_status_history"]] == [
        "inactive",
        "active",
        "frozen",
        "active",
        "blocked",
        "inactive",
        "active",
    ]
    [dispute] = TransactionDispute.objects.filter(account=account)
    lost_on = old.blocked_on
    assert lost_on is not None
    assert dispute.transaction.posted_on <= lost_on
    assert dispute.raised_at.astimezone(clock.LONDON).date() == lost_on
    assert [(row["status"], row["transaction_id"]) for row in data["card_disputes"]] == [
        ("open", str(dispute.transaction_id))
    ]
    dumped = json.dumps(data, cls=DjangoJSONEncoder)
    assert old.pan not in dumped
    assert new.pan not in dumped
    assert {"cards", "card_status_history", "card_disputes"} <= set(entries)
