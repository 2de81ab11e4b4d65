"""The demo seeder gives each customer a card story: a replaced card and an active one."""

from __future__ import annotations

import pytest

from partnership.accounts.tests.support import customer_make
from partnership.cards.demo import seed_card_accounts
from partnership.cards.models import Card, CardStatusChange
from partnership.cards.selectors import card_current, replacement_progress
from partnership.core import clock

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
