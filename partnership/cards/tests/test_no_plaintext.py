"""The full card number is never in the database in clear: not in any column, not in
the database's bytes."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection

from partnership.cards.models import CardAccount
from partnership.cards.services import pan_in_use, pan_index
from partnership.cards.tests.factories import account_create, post, purchase
from partnership.compliance.tests.test_no_plaintext import database_bytes
from partnership.crypto.keys import token_key_id


def every_stored_value() -> list[str]:
    values: list[str] = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            values.extend(str(value) for row in cursor.fetchall() for value in row)
    return values


@pytest.mark.django_db(transaction=True)
def test_the_card_number_is_in_no_column_and_nowhere_in_the_database(customer: Any) -> None:
    account = account_create(owner=customer)
    post(account, purchase(dt.date(2025, 1, 3), "Quokkaville Garden Centre", "417.23"))
    pan = CardAccount.objects.get().pan
    assert len(pan) == 16  # it is there, encrypted
    spaced = " ".join(pan[i : i + 4] for i in range(0, 16, 4))

    values = every_stored_value()
    dump = database_bytes()

    assert [v for v in values if pan in v or pan[:6] in v or pan[6:12] in v] == []
    assert [
        n for n in (pan, spaced, pan[:6], pan[6:12], "Quokkaville", "417.23") if n.encode() in dump
    ] == []
    # What is stored: the last four in clear, the number under the card-data ring and
    # its index under the first card index key; no first six.
    row = CardAccount.objects.values("pan", "pan_last4", "pan_index").get()
    assert token_key_id(row["pan"]) == "c1"
    assert row["pan_last4"] == pan[-4:]
    assert row["pan_index"] == pan_index(pan)
    assert row["pan_index"].startswith("i1.")
    assert "pan_first6" not in {f.name for f in CardAccount._meta.get_fields()}


def test_a_card_number_in_use_is_found_under_any_listed_index_key(
    account: CardAccount, settings: Any
) -> None:
    spaced = " ".join(account.pan[i : i + 4] for i in range(0, 16, 4))

    assert pan_in_use(account.pan)
    assert pan_in_use(spaced)
    assert pan_index(account.pan) == pan_index(spaced)
    settings.CARD_INDEX_KEYS = f"i2:{'A' * 43}=,{settings.CARD_INDEX_KEYS}"
    assert pan_index(account.pan).startswith("i2.")
    assert pan_in_use(account.pan)
    settings.CARD_INDEX_KEYS = f"i2:{'A' * 43}="
    assert not pan_in_use(account.pan)
