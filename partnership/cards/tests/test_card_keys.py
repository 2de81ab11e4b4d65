"""Card numbers under their own ring: rotate_keys moves them to the new first
CARD_DATA_KEYS key, apart from the field keys, and no field key opens them."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.management import call_command
from pytest_django import Settings

from partnership.cards.models import CardAccount
from partnership.cards.tests.factories import account_create, customer_create
from partnership.crypto.errors import DecryptionError
from partnership.crypto.keys import token_key_id

pytestmark = pytest.mark.django_db

NEW_CARD_KEY = "c2:" + "Q" * 43 + "="


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

    assert out.getvalue().splitlines()[-1] == "re-encrypted 3 values under CARD_DATA_KEYS key c2"
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
        .endswith("3 of 3 values to re-encrypt under CARD_DATA_KEYS key c2; nothing was changed")
    )
