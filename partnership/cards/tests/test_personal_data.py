from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.core.management import call_command

from partnership.cards import services
from partnership.cards.models import (
    CardAccount,
    CardAccountStatus,
    PointsEntry,
    Statement,
    Transaction,
)
from partnership.cards.personal_data import HOLD_AGREEMENT, HOLD_AML
from partnership.cards.tests.factories import account_create, customer_create, post, purchase
from partnership.core import clock
from partnership.privacy import inventory
from partnership.privacy.export import subject_access_collect
from partnership.privacy.retention import retention_run
from partnership.privacy.subjects import DataSubject

CATEGORIES = ("transactions", "points", "statements", "card_accounts")


def history(owner: Any, *, opened_on: dt.date = dt.date(2025, 1, 1), seed: int = 1) -> CardAccount:
    account = account_create(owner=owner, opened_on=opened_on, seed=seed)
    post(
        account,
        purchase(opened_on + dt.timedelta(days=3), "Corner Grocer", "12.34"),
        purchase(opened_on + dt.timedelta(days=4), "Rail Ticket Office", "40.00"),
    )
    services.statement_generate(account=account, period_start=opened_on)
    return account


def subject_of(user: Any) -> DataSubject:
    return DataSubject(email="someone@example.org", user_id=user.pk)


def close(account: CardAccount, on: dt.date) -> None:
    CardAccount.objects.filter(pk=account.pk).update(status=CardAccountStatus.CLOSED, closed_on=on)


def test_the_four_categories_are_registered_with_the_money_laundering_hold() -> None:
    entries = {entry.category: entry for entry in inventory.registered()}

    assert set(CATEGORIES) <= set(entries)
    for category in CATEGORIES:
        assert entries[category].legal_holds == (HOLD_AML, HOLD_AGREEMENT)
    assert entries["card_accounts"].field_named("pan").encrypted is True


def test_the_export_holds_every_category_and_only_the_masked_card_number(customer: Any) -> None:
    account = history(customer)
    other = history(customer_create(), seed=9)

    data = subject_access_collect(subject=subject_of(customer))

    text = json.dumps(data)
    assert account.pan not in text
    assert account.pan[6:12] not in text
    assert other.pan[-4:] not in json.dumps(data["card_accounts"])
    (exported,) = data["card_accounts"]
    assert exported["card_number"] == account.masked_pan
    assert exported["credit_limit"] == "5000.00"
    assert [t["description"] for t in data["transactions"]] == [
        "Corner Grocer",
        "Rail Ticket Office",
    ]
    assert [s["closing_balance"] for s in data["statements"]] == ["52.34"]
    assert [p["points"] for p in data["points"]] == [52]
    counts = {c["category"]: c["count"] for c in data["meta"]["categories_searched"]}
    assert [counts[c] for c in CATEGORIES] == [2, 1, 1, 1]


def test_a_person_without_an_account_gets_empty_categories(db: None) -> None:
    data = subject_access_collect(subject=DataSubject(email="nobody@example.org"))

    assert [data[c] for c in CATEGORIES] == [[], [], [], []]


def test_erasure_keeps_what_a_hold_protects_and_names_the_hold(customer: Any) -> None:
    today = clock.today_in_london()
    open_account = history(customer, seed=1)
    recently_closed = history(customer, seed=2)
    long_closed = history(customer, seed=3)
    close(recently_closed, today - dt.timedelta(days=365))
    close(long_closed, today - dt.timedelta(days=6 * 366))
    entries = {entry.category: entry for entry in inventory.registered()}

    outcomes = {c: entries[c].erase(subject_of(customer)) for c in CATEGORIES}

    assert len(outcomes["transactions"].erased_ids) == 2
    assert {k.hold for k in outcomes["transactions"].kept} == {HOLD_AGREEMENT.name, HOLD_AML.name}
    assert outcomes["card_accounts"].erased_ids == (str(long_closed.pk),)
    kept = {k.id: k.hold for k in outcomes["card_accounts"].kept}
    assert kept == {
        str(open_account.pk): HOLD_AGREEMENT.name,
        str(recently_closed.pk): HOLD_AML.name,
    }
    assert set(CardAccount.objects.values_list("pk", flat=True)) == {
        open_account.pk,
        recently_closed.pk,
    }
    assert Transaction.objects.filter(account=long_closed).count() == 0


def test_retention_deletes_five_years_after_closure_and_not_before(customer: Any) -> None:
    today = clock.today_in_london()
    kept = history(customer, seed=1)
    expired = history(customer, seed=2)
    close(kept, today - dt.timedelta(days=5 * 365))
    close(expired, today - dt.timedelta(days=5 * 365 + 3))

    report = retention_run(dry_run=False)

    deleted = {o.rule: o.deleted for o in report.rules if o.rule.startswith("card-")}
    assert deleted == {
        "card-disputes": 0,
        "card-status-history": 1,
        "card-transactions": 2,
        "card-statements": 1,
        "card-points": 1,
        "card-accounts": 1,
    }
    assert [o.deleted for o in report.rules if o.rule == "cards"] == [1]
    assert list(CardAccount.objects.values_list("pk", flat=True)) == [kept.pk]
    assert Statement.objects.filter(account=kept).count() == 1
    assert PointsEntry.objects.filter(account=kept).count() == 1


@pytest.mark.django_db
def test_the_demo_seeder_gives_each_customer_a_year_quickly_and_once(
    capsys: pytest.CaptureFixture[str],
) -> None:
    customers = [customer_create(), customer_create()]
    customer_create(staff=True)

    call_command("seed_demo")
    first = capsys.readouterr().out
    call_command("seed_demo")
    second = capsys.readouterr().out

    # These two, and the two demo customers the accounts seeder creates first.
    assert "Gave 4 demo customer(s) a card account with a year of transactions." in first
    assert "card account" not in second
    for owner in customers:
        account = CardAccount.objects.get(owner=owner)
        rows = list(account.transactions.all())
        assert len(rows) > 300
        assert sum(row.amount for row in rows) == account.balance
        assert account.statements.count() == 12
