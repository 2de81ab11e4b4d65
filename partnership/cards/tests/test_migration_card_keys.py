"""Migration 0002 moves every existing card to the card-data ring and the card index
keys, and drops the stored first six — without losing a card. Rows are written in the
old shape (0001) with the old model, migrated forwards, read back; and backwards.

Runs on SQLite and, with DATABASE_URL, on PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from django.apps.registry import Apps
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from partnership.cards.models import CardAccount
from partnership.cards.pan import pan_generate
from partnership.cards.services import pan_index
from partnership.cards.tests.factories import customer_create
from partnership.crypto.blind_index import blind_index
from partnership.crypto.errors import DecryptionError
from partnership.crypto.keys import token_key_id
from partnership.crypto.tests.support import raw_column, set_raw_column

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = ("cards", "0001_initial")
AFTER = ("cards", "0002_card_number_keys")


def migrate(target: tuple[str, str]) -> Apps:
    executor = MigrationExecutor(connection)
    executor.migrate([target])
    return MigrationExecutor(connection).loader.project_state([target]).apps


def migrate_latest() -> None:
    """Every app at its newest migration again (later card migrations included)."""
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def columns() -> set[str]:
    with connection.cursor() as cursor:
        described = connection.introspection.get_table_description(cursor, "cards_cardaccount")
    return {column.name for column in described}


@pytest.fixture
def old_shape() -> Iterator[Apps]:
    """The database at 0001; put back at the newest migration afterwards."""
    try:
        yield migrate(BEFORE)
    finally:
        migrate_latest()


def old_cards(apps: Apps, count: int) -> dict[str, str]:
    """``count`` accounts as 0001 stored them (field ring, BLIND_INDEX_KEY, first six)."""
    model = apps.get_model("cards", "CardAccount")
    rng = random.Random(7)
    made: dict[str, str] = {}
    for _ in range(count):
        pan = pan_generate(rng=rng)
        row = model(
            owner_id=customer_create().pk,
            opened_on=dt.date(2024, 5, 1),
            pan=pan,
            pan_index=blind_index(pan, purpose="card-pan", normalise=str),
            pan_first6=pan[:6],
            pan_last4=pan[-4:],
            credit_limit=Decimal("1500.00"),
            balance=Decimal("12.34"),
            apr=Decimal("19.90"),
            minimum_payment=Decimal("0.00"),
            points_balance=Decimal(0),
        )
        row.save()
        made[str(row.pk)] = pan
    return made


def test_every_card_decrypts_to_its_number_after_the_migration(old_shape: Apps) -> None:
    numbers = old_cards(old_shape, 5)
    assert "pan_first6" in columns()

    migrate(AFTER)

    assert "pan_first6" not in columns()
    accounts = {str(a.pk): a for a in CardAccount.objects.all()}
    assert {pk: a.pan for pk, a in accounts.items()} == numbers
    for pk, account in accounts.items():
        assert account.pan_last4 == numbers[pk][-4:]
        assert account.pan_index == pan_index(numbers[pk])
        assert token_key_id(raw_column(account, "pan")) == "c1"
        assert account.balance == Decimal("12.34")  # the field ring's values untouched


def test_the_migration_goes_back_to_the_old_shape(old_shape: Apps) -> None:
    numbers = old_cards(old_shape, 3)
    migrate(AFTER)

    apps = migrate(BEFORE)

    model = apps.get_model("cards", "CardAccount")
    rows = {str(row.pk): row for row in model.objects.all()}
    assert {pk: row.pan for pk, row in rows.items()} == numbers
    for pk, row in rows.items():
        assert row.pan_first6 == numbers[pk][:6]
        assert row.pan_index == blind_index(numbers[pk], purpose="card-pan", normalise=str)
        assert token_key_id(raw_column(row, "pan")) == "k1"


def test_a_card_that_cannot_be_decrypted_stops_the_migration_changing_nothing(
    old_shape: Apps,
) -> None:
    numbers = old_cards(old_shape, 3)
    model = old_shape.get_model("cards", "CardAccount")
    first, second = sorted(model.objects.all(), key=lambda row: row.pk)[:2]
    set_raw_column(second, "pan", raw_column(first, "pan"))  # moved from another row
    before = list(model.objects.order_by("pk").values_list("pan", "pan_index", "pan_first6"))

    with pytest.raises(DecryptionError) as raised:
        migrate(AFTER)

    assert str(raised.value) == (
        f"cannot decrypt cards.cardaccount.pan of row {second.pk}: authentication failed "
        f"under key 'k1' (wrong key, tampered, or moved from another field or row)"
    )
    assert numbers[str(second.pk)] not in str(raised.value)
    assert "pan_first6" in columns()
    after = list(model.objects.order_by("pk").values_list("pan", "pan_index", "pan_first6"))
    assert after == before
    set_raw_column(second, "pan", _token_for(second, numbers[str(second.pk)]))


def _token_for(row: Any, pan: str) -> str:
    from partnership.crypto.keys import key_ring

    aad = f"cards.cardaccount|pan|{row.pk}".encode()
    return key_ring().encrypt(pan.encode(), associated_data=aad)
