"""Card numbers under their own ring: rotate_keys moves them to the new first
CARD_DATA_KEYS key, apart from the field keys, and no field key opens them."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from pytest_django import Settings

from partnership.cards.models import Card, CardAccount
from partnership.cards.services import pan_in_use, pan_index
from partnership.cards.tests.factories import account_create, customer_create
from partnership.crypto.errors import DecryptionError
from partnership.crypto.keys import token_key_id

pytestmark = pytest.mark.django_db

NEW_CARD_KEY = "c2:" + "Q" * 43 + "="
NEW_INDEX_KEY = "i2:" + "R" * 43 + "="


def stored() -> dict[str, tuple[Any, Any]]:
    """``pk -> (card number token, credit limit token)`` as the database holds them."""
    return {
        str(pk): (pan, limit)
        for pk, pan, limit in CardAccount.objects.values_list("pk", "pan", "credit_limit")
    }


@pytest.fixture
def accounts() -> dict[str, str]:
    """Three accounts, their numbers by pk."""
    made = [account_create(owner=customer_create(), seed=seed) for seed in (1, 2, 3)]
    return {str(account.pk): account.pan for account in made}


def test_rotation_re_encrypts_card_numbers_under_the_new_first_card_key(
    accounts: dict[str, str], settings: Settings
) -> None:
    before = stored()
    settings.CARD_DATA_KEYS = f"{NEW_CARD_KEY},{settings.CARD_DATA_KEYS}"
    out = io.StringIO()

    call_command("rotate_keys", stdout=out, stderr=io.StringIO())

    assert out.getvalue().splitlines()[-2:] == [
        "re-encrypted 6 values under CARD_DATA_KEYS key c2",
        "re-indexed 0 values under CARD_INDEX_KEYS key i1",
    ]
    after = stored()
    assert {pk: token_key_id(pan) for pk, (pan, _) in after.items()} == dict.fromkeys(
        accounts, "c2"
    )
    # The field ring was not touched: its first key did not change.
    assert {pk: limit for pk, (_, limit) in after.items()} == {
        pk: limit for pk, (_, limit) in before.items()
    }
    settings.CARD_DATA_KEYS = NEW_CARD_KEY
    assert {str(a.pk): a.pan for a in CardAccount.objects.all()} == accounts
    # Each account's first card carries its number, re-encrypted beside it.
    assert {str(c.account_id): c.pan for c in Card.objects.all()} == accounts


def test_no_field_key_opens_a_card_number(accounts: dict[str, str], settings: Settings) -> None:
    # Whoever holds only the field key, even under the card key's id, reads no card.
    field_key = settings.FIELD_ENCRYPTION_KEYS.split(",")[0].partition(":")[2]
    settings.CARD_DATA_KEYS = f"c1:{field_key}"

    with pytest.raises(DecryptionError) as raised:
        list(CardAccount.objects.all())

    assert "authentication failed under key 'c1'" in str(raised.value)


def test_the_dry_run_counts_card_numbers_by_key(
    accounts: dict[str, Any], settings: Settings
) -> None:
    settings.CARD_DATA_KEYS = f"{NEW_CARD_KEY},{settings.CARD_DATA_KEYS}"
    out = io.StringIO()

    call_command("rotate_keys", "--dry-run", stdout=out)

    assert "cards.cardaccount.pan: 3 values, 3 to re-encrypt (by key: c1 3)" in (
        out.getvalue().splitlines()
    )
    assert (
        out.getvalue()
        .splitlines()[-1]
        .endswith(
            "6 of 6 values to re-encrypt under CARD_DATA_KEYS key c2, "
            "0 of 6 values to re-index under CARD_INDEX_KEYS key i1; nothing was changed"
        )
    )


def indexes() -> dict[str, str]:
    return {str(pk): index for pk, index in CardAccount.objects.values_list("pk", "pan_index")}


def test_rotation_makes_card_indexes_again_under_the_new_first_index_key(
    accounts: dict[str, str], settings: Settings
) -> None:
    settings.CARD_INDEX_KEYS = f"{NEW_INDEX_KEY},{settings.CARD_INDEX_KEYS}"
    dry = io.StringIO()
    call_command("rotate_keys", "--dry-run", stdout=dry)
    assert "cards.cardaccount.pan_index: 3 values, 3 to re-index (by key: i1 3)" in (
        dry.getvalue().splitlines()
    )
    out = io.StringIO()

    call_command("rotate_keys", "--batch-size", "2", stdout=out, stderr=io.StringIO())

    # The accounts' numbers and their first cards' (the same numbers), added up.
    assert out.getvalue().splitlines()[-1] == "re-indexed 6 values under CARD_INDEX_KEYS key i2"
    assert indexes() == {pk: pan_index(pan) for pk, pan in accounts.items()}
    assert {index[:3] for index in indexes().values()} == {"i2."}
    settings.CARD_INDEX_KEYS = NEW_INDEX_KEY
    assert all(pan_in_use(pan) for pan in accounts.values())
    again = io.StringIO()
    call_command("rotate_keys", stdout=again, stderr=io.StringIO())
    assert again.getvalue().splitlines()[-1] == "re-indexed 0 values under CARD_INDEX_KEYS key i2"


def test_a_card_that_cannot_be_decrypted_stops_the_re_index_naming_its_row(
    accounts: dict[str, str], settings: Settings
) -> None:
    from partnership.crypto.tests.support import raw_column, set_raw_column

    first, second = sorted(CardAccount.objects.all(), key=lambda account: account.pk)[:2]
    set_raw_column(second, "pan", raw_column(first, "pan"))
    settings.CARD_INDEX_KEYS = f"{NEW_INDEX_KEY},{settings.CARD_INDEX_KEYS}"
    before = indexes()

    with pytest.raises(CommandError) as raised:
        call_command(
            "rotate_keys", "--batch-size", "10", stdout=io.StringIO(), stderr=io.StringIO()
        )

    assert str(raised.value).startswith(
        f"cannot decrypt cards.cardaccount.pan of row {second.pk}: authentication failed"
    )
    assert indexes() == before
    assert accounts[str(second.pk)] not in str(raised.value)
