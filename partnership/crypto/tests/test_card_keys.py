"""The card-number keys: a ring of their own (CARD_DATA_KEYS) and index keys of their
own (CARD_INDEX_KEYS), apart from the field keys and the blind-index key."""

from __future__ import annotations

import pytest
from pytest_django import Settings

from partnership.crypto import keys
from partnership.crypto.blind_index import (
    card_number_index,
    card_number_index_candidates,
    normalise_text,
)
from partnership.crypto.checks import check_keys
from partnership.crypto.errors import KeyConfigurationError, UnknownKeyError
from partnership.crypto.fields import CardDataField, EncryptedTextField
from partnership.crypto.keys import RING_CARD_DATA, key_ring
from partnership.crypto.tests.keys_support import use_key_provider
from partnership.crypto.tests.support import b64_key, field_keys

AAD = b"cards.cardaccount|pan|row"


def test_card_data_is_a_ring_of_its_own(settings: Settings) -> None:
    token = key_ring(RING_CARD_DATA).encrypt(b"4123450000000001", associated_data=AAD)

    assert keys.token_key_id(token) == "c1"
    assert key_ring(RING_CARD_DATA).decrypt(token, associated_data=AAD) == b"4123450000000001"
    with pytest.raises(UnknownKeyError):
        key_ring().decrypt(token, associated_data=AAD)


def test_the_card_ring_follows_its_setting(settings: Settings) -> None:
    settings.CARD_DATA_KEYS = field_keys("c2", "c1")

    assert key_ring(RING_CARD_DATA).key_ids == ("c2", "c1")
    assert key_ring().key_ids == ("k1",)


def test_a_card_data_field_uses_the_card_ring() -> None:
    assert CardDataField(max_length=19).key_ring() is key_ring(RING_CARD_DATA)
    assert EncryptedTextField(max_length=19).key_ring() is key_ring()


@pytest.mark.parametrize("setting", ["CARD_DATA_KEYS", "CARD_INDEX_KEYS"])
def test_malformed_card_keys_are_named(settings: Settings, setting: str) -> None:
    setattr(settings, setting, "c1:short")

    with pytest.raises(KeyConfigurationError) as raised:
        key_ring(RING_CARD_DATA) if setting == "CARD_DATA_KEYS" else keys.card_index_keys()

    assert str(raised.value) == f"{setting} key 'c1' is not valid base64"


def test_the_card_index_is_under_the_first_index_key_and_names_it(settings: Settings) -> None:
    first = card_number_index("4123450000000001", purpose="card-pan", normalise=normalise_text)
    settings.CARD_INDEX_KEYS = field_keys("i2", "i1")

    candidates = card_number_index_candidates(
        "4123450000000001", purpose="card-pan", normalise=normalise_text
    )

    assert first.startswith("i1.")
    assert len(first) == 3 + 64
    assert candidates[1] == first
    assert candidates[0].startswith("i2.")
    assert candidates[0] != first
    assert (
        card_number_index("4123450000000001", purpose="card-pan", normalise=normalise_text)
        == (candidates[0])
    )


def test_the_check_refuses_a_card_index_key_that_is_the_blind_index_key(
    settings: Settings,
) -> None:
    settings.CARD_INDEX_KEYS = "i1:" + b64_key(0xB1)

    assert [(e.id, e.msg) for e in check_keys()] == [
        (
            "crypto.E007",
            "A key of CARD_INDEX_KEYS is also used by another key setting; every card key "
            "must be a key of its own.",
        )
    ]


def test_the_check_refuses_a_card_data_key_that_is_a_field_key(settings: Settings) -> None:
    settings.CARD_DATA_KEYS = field_keys("k1")

    assert [e.id for e in check_keys()] == ["crypto.E007"]


def test_the_check_names_malformed_card_keys(settings: Settings) -> None:
    settings.CARD_DATA_KEYS = ""
    settings.CARD_INDEX_KEYS = "i1"

    assert [(e.id, e.msg) for e in check_keys()] == [
        (
            "crypto.E005",
            "Card data keys are malformed: CARD_DATA_KEYS is empty: it needs at least one "
            "'id:base64key'.",
        ),
        (
            "crypto.E006",
            "Card index keys are malformed: CARD_INDEX_KEYS entry 1 is not of the form "
            "'id:base64key'.",
        ),
    ]


def test_local_mode_generates_the_card_keys_into_var_secrets() -> None:
    from django.conf import settings

    for name, key_id in (("CARD_DATA_KEYS", "c1"), ("CARD_INDEX_KEYS", "i1")):
        path = settings.SECRETS_DIR / name.lower()
        stored = path.read_text(encoding="ascii").strip()
        assert path.stat().st_mode & 0o777 == 0o600
        assert stored.startswith(f"{key_id}:")
        assert [kid for kid, _ in keys.parse_field_keys(stored, setting=name)] == [key_id]


class EmptyCardIndexProvider:
    def card_index_keys(self) -> list[tuple[str, bytes]]:
        return []


def test_a_provider_without_card_index_keys_is_refused(
    monkeypatch: pytest.MonkeyPatch, settings: Settings
) -> None:
    use_key_provider(monkeypatch, settings, EmptyCardIndexProvider)

    with pytest.raises(KeyConfigurationError) as raised:
        keys.card_index_keys()

    assert str(raised.value) == "the key ring needs at least one key"


class ProviderBeforeCardKeys:
    def field_keys(self) -> list[tuple[str, bytes]]:
        return [("kms1", bytes([9]) * 32)]

    def blind_index_key(self) -> bytes:
        return bytes([8]) * 32


def test_the_check_names_a_provider_without_card_keys(
    monkeypatch: pytest.MonkeyPatch, settings: Settings
) -> None:
    use_key_provider(monkeypatch, settings, ProviderBeforeCardKeys)

    assert [(e.id, e.msg) for e in check_keys()] == [
        (
            "crypto.E005",
            "Card data keys are missing: the key provider ProviderBeforeCardKeys has no "
            "card_data_keys().",
        ),
        (
            "crypto.E006",
            "Card index keys are missing: the key provider ProviderBeforeCardKeys has no "
            "card_index_keys().",
        ),
    ]
