"""The full card number is never in the database in clear: not in any column, not in
the database's bytes."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection

from partnership.cards.models import CardAccount
from partnership.cards.services import pan_index
from partnership.cards.tests.factories import account_create, post, purchase
from partnership.privacy.tests.test_no_plaintext import database_bytes


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

    assert [v for v in values if pan in v or pan[6:12] in v] == []
    assert [
        n for n in (pan, spaced, pan[6:12], "Quokkaville", "417.23") if n.encode() in dump
    ] == []
    # What is stored: the BIN and last four in clear, and the keyed token.
    row = CardAccount.objects.values("pan_first6", "pan_last4", "pan_index").get()
    assert row == {"pan_first6": pan[:6], "pan_last4": pan[-4:], "pan_index": pan_index(pan)}


def test_an_account_is_found_by_its_exact_card_number(account: CardAccount) -> None:
    spaced = " ".join(account.pan[i : i + 4] for i in range(0, 16, 4))

    assert CardAccount.objects.get(pan_index=pan_index(spaced)) == account
    assert pan_index(account.pan) == pan_index(spaced)
