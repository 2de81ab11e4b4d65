"""Where keys come from: the settings provider, other providers, caching, the start-up check."""

from __future__ import annotations

import base64

import pytest
from django.core.exceptions import ImproperlyConfigured
from pytest_django import Settings

from partnership.crypto import keys
from partnership.crypto.checks import check_keys
from partnership.crypto.errors import KeyConfigurationError
from partnership.crypto.keys import SettingsKeyProvider, key_ring
from partnership.crypto.tests.keys_support import KEY_A, use_key_provider
from partnership.crypto.tests.support import b64_key, field_keys

# --- the settings provider and the cached ring ----------------------------------------


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("", "FIELD_ENCRYPTION_KEYS is empty: it needs at least one 'id:base64key'"),
        (" , ", "FIELD_ENCRYPTION_KEYS is empty: it needs at least one 'id:base64key'"),
        (b64_key(1), "FIELD_ENCRYPTION_KEYS entry 1 is not of the form 'id:base64key'"),
        (
            f"k1:{b64_key(1)},bad.id:{b64_key(2)}",
            "FIELD_ENCRYPTION_KEYS entry 2 has a bad key id: ids are 1-16 of A-Z a-z 0-9 _ -",
        ),
        (
            f"{'k' * 17}:{b64_key(1)}",
            "FIELD_ENCRYPTION_KEYS entry 1 has a bad key id: ids are 1-16 of A-Z a-z 0-9 _ -",
        ),
        ("k1:not base64!", "FIELD_ENCRYPTION_KEYS key 'k1' is not valid base64"),
        (
            "k1:" + base64.b64encode(b"x" * 16).decode(),
            "FIELD_ENCRYPTION_KEYS key 'k1' must be 32 bytes (base64 of 32 random bytes), not 16",
        ),
        (f"k1:{b64_key(1)},k1:{b64_key(2)}", "key id 'k1' is listed twice"),
    ],
)
def test_malformed_field_keys_are_named(settings: Settings, raw: str, message: str) -> None:
    settings.FIELD_ENCRYPTION_KEYS = raw

    with pytest.raises(KeyConfigurationError) as raised:
        key_ring()

    assert str(raised.value) == message
    assert "not base64!" not in str(raised.value)


def test_field_keys_must_be_a_string(settings: Settings) -> None:
    settings.FIELD_ENCRYPTION_KEYS = ["k1"]

    with pytest.raises(KeyConfigurationError) as raised:
        SettingsKeyProvider().field_keys()

    assert str(raised.value) == "FIELD_ENCRYPTION_KEYS must be a string 'id:base64key,…'"


def test_url_safe_base64_and_spaces_are_accepted(settings: Settings) -> None:
    key = bytes(range(200, 232))
    settings.FIELD_ENCRYPTION_KEYS = f" k_1 : {base64.urlsafe_b64encode(key).decode()} , "

    assert SettingsKeyProvider().field_keys() == [("k_1", key)]


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("", "BLIND_INDEX_KEY is empty: it needs base64 of 32 bytes"),
        (None, "BLIND_INDEX_KEY is empty: it needs base64 of 32 bytes"),
        ("%%%", "BLIND_INDEX_KEY is not valid base64"),
        (
            base64.b64encode(b"x" * 31).decode(),
            "BLIND_INDEX_KEY must be 32 bytes (base64 of 32 random bytes), not 31",
        ),
    ],
)
def test_a_malformed_blind_index_key_is_named(
    settings: Settings, raw: str | None, message: str
) -> None:
    settings.BLIND_INDEX_KEY = raw

    with pytest.raises(KeyConfigurationError) as raised:
        keys.blind_index_key()

    assert str(raised.value) == message


def test_the_ring_is_cached_until_the_keys_setting_changes(settings: Settings) -> None:
    first = key_ring()
    assert key_ring() is first

    settings.FIELD_ENCRYPTION_KEYS = field_keys("k2", "k1")

    assert key_ring() is not first
    assert key_ring().key_ids == ("k2", "k1")


class CardKeys:
    def card_data_keys(self) -> list[tuple[str, bytes]]:
        return [("kmsc1", bytes([3]) * 32)]

    def card_index_keys(self) -> list[tuple[str, bytes]]:
        return [("kmsi1", bytes([4]) * 32)]


class ShortIndexKeyProvider(CardKeys):
    def field_keys(self) -> list[tuple[str, bytes]]:
        return [("kms1", KEY_A)]

    def blind_index_key(self) -> bytes:
        return b"short"


class SameKeyProvider(CardKeys):
    def field_keys(self) -> list[tuple[str, bytes]]:
        return [("kms1", KEY_A)]

    def blind_index_key(self) -> bytes:
        return KEY_A


def test_another_provider_can_be_named_by_a_setting(
    monkeypatch: pytest.MonkeyPatch, settings: Settings
) -> None:
    use_key_provider(monkeypatch, settings, SameKeyProvider)

    assert key_ring().key_ids == ("kms1",)
    assert keys.blind_index_key() == KEY_A


def test_a_provider_blind_index_key_of_the_wrong_length_is_refused(
    monkeypatch: pytest.MonkeyPatch, settings: Settings
) -> None:
    use_key_provider(monkeypatch, settings, ShortIndexKeyProvider)

    with pytest.raises(KeyConfigurationError) as raised:
        keys.blind_index_key()

    assert str(raised.value) == "the blind index key must be 32 bytes"


def test_an_unknown_provider_is_named(settings: Settings) -> None:
    settings.CRYPTO_KEY_PROVIDER = "partnership.crypto.nowhere.Provider"

    with pytest.raises(KeyConfigurationError) as raised:
        key_ring()

    assert str(raised.value) == (
        "CRYPTO_KEY_PROVIDER 'partnership.crypto.nowhere.Provider' is not a known key "
        "provider (known: 'settings')"
    )


@pytest.mark.parametrize("name", ["kms", "Settings", "", None, ["settings"]])
def test_an_unknown_provider_name_is_refused_as_improperly_configured(
    settings: Settings, name: object
) -> None:
    settings.CRYPTO_KEY_PROVIDER = name

    with pytest.raises(ImproperlyConfigured) as raised:
        keys.provider()

    assert str(raised.value) == (
        f"CRYPTO_KEY_PROVIDER {name!r} is not a known key provider (known: 'settings')"
    )
    assert isinstance(raised.value, KeyConfigurationError)


@pytest.mark.parametrize("name", ["settings", "partnership.crypto.keys.SettingsKeyProvider", None])
def test_a_known_provider_name_gives_its_class(settings: Settings, name: str | None) -> None:
    if name is None:
        del settings.CRYPTO_KEY_PROVIDER
    else:
        settings.CRYPTO_KEY_PROVIDER = name

    assert type(keys.provider()) is SettingsKeyProvider


def test_a_provider_added_to_the_registry_is_built_by_name(
    monkeypatch: pytest.MonkeyPatch, settings: Settings
) -> None:
    name = use_key_provider(monkeypatch, settings, SameKeyProvider)

    assert name == "test-SameKeyProvider"
    assert type(keys.provider()) is SameKeyProvider


def test_unrelated_setting_changes_keep_the_cache(settings: Settings) -> None:
    first = key_ring()

    settings.BRAND = {}

    assert key_ring() is first


# --- the start-up check ---------------------------------------------------------------


def test_the_check_passes_with_good_keys() -> None:
    assert check_keys() == []


def test_the_check_names_malformed_keys(settings: Settings) -> None:
    settings.FIELD_ENCRYPTION_KEYS = "k1:abc"
    settings.BLIND_INDEX_KEY = "abc"

    errors = check_keys()

    assert [(e.id, e.msg) for e in errors] == [
        (
            "crypto.E001",
            "Field encryption keys are malformed: FIELD_ENCRYPTION_KEYS key 'k1' "
            "is not valid base64.",
        ),
        ("crypto.E002", "The blind index key is malformed: BLIND_INDEX_KEY is not valid base64."),
    ]


def test_the_check_refuses_a_blind_index_key_equal_to_a_field_key(
    monkeypatch: pytest.MonkeyPatch, settings: Settings
) -> None:
    use_key_provider(monkeypatch, settings, SameKeyProvider)

    assert [e.id for e in check_keys()] == ["crypto.E004"]


def test_the_check_refuses_a_short_provider_index_key(
    monkeypatch: pytest.MonkeyPatch, settings: Settings
) -> None:
    use_key_provider(monkeypatch, settings, ShortIndexKeyProvider)

    assert [(e.id, e.msg) for e in check_keys()] == [
        ("crypto.E002", "The blind index key is malformed: the blind index key must be 32 bytes.")
    ]


def test_the_check_names_an_unknown_provider(settings: Settings) -> None:
    settings.CRYPTO_KEY_PROVIDER = "nowhere.Provider"

    assert [(e.id, e.msg) for e in check_keys()] == [
        (
            "crypto.E003",
            "CRYPTO_KEY_PROVIDER 'nowhere.Provider' is not a known key provider "
            "(known: 'settings').",
        )
    ]


def test_the_check_is_registered() -> None:
    from django.core import checks

    assert check_keys in checks.registry.registry.get_checks()
