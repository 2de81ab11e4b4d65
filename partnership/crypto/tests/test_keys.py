from __future__ import annotations

import base64
import logging

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pytest_django import Settings

from partnership.crypto import keys
from partnership.crypto.checks import check_keys
from partnership.crypto.errors import DecryptionError, KeyConfigurationError, UnknownKeyError
from partnership.crypto.keys import KeyRing, SettingsKeyProvider, key_ring, token_key_id
from partnership.crypto.tests.support import b64_key, field_keys

AAD = b"crypto_tests.person|full_name|0b7c6f2e-0000-4000-8000-000000000001"
SECRET = "Ada Lovelace, 12 Crescent Road"
KEY_A = bytes([1]) * 32
KEY_B = bytes([2]) * 32


def ring(*pairs: tuple[str, bytes]) -> KeyRing:
    return KeyRing(list(pairs))


def swap(token: str, index: int, char: str) -> str:
    return token[:index] + char + token[index + 1 :]


def cut_bytes(token: str, n: int) -> str:
    """The token with the last ``n`` bytes of its data removed, still valid base64."""
    head, data = token.rsplit(".", 1)
    raw = base64.urlsafe_b64decode(data + "=" * (-len(data) % 4))
    return head + "." + base64.urlsafe_b64encode(raw[:-n]).decode().rstrip("=")


AUTH_FAILED = (
    "authentication failed under key 'k1' (wrong key, tampered, or moved from another field or row)"
)


# --- token format and the ring --------------------------------------------------------


def test_token_names_version_and_key_id_and_hides_the_plaintext() -> None:
    token = ring(("k1", KEY_A)).encrypt(SECRET.encode(), associated_data=AAD)

    version, key_id, data = token.split(".")
    assert (version, key_id) == ("v1", "k1")
    raw = base64.urlsafe_b64decode(data + "=" * (-len(data) % 4))
    assert len(raw) == 12 + len(SECRET.encode()) + 16
    assert SECRET.encode() not in raw
    assert "=" not in data


def test_each_encryption_uses_a_fresh_nonce() -> None:
    key_ring_ = ring(("k1", KEY_A))

    first = key_ring_.encrypt(b"same", associated_data=AAD)
    second = key_ring_.encrypt(b"same", associated_data=AAD)

    assert first != second
    assert first.split(".")[2][:16] != second.split(".")[2][:16]


def test_the_first_key_encrypts_and_every_key_decrypts() -> None:
    old = ring(("old", KEY_B))
    both = ring(("new", KEY_A), ("old", KEY_B))
    old_token = old.encrypt(b"x", associated_data=AAD)

    new_token = both.encrypt(b"y", associated_data=AAD)

    assert token_key_id(new_token) == "new"
    assert both.primary_key_id == "new"
    assert both.key_ids == ("new", "old")
    assert both.decrypt(old_token, associated_data=AAD) == b"x"
    assert both.decrypt(new_token, associated_data=AAD) == b"y"
    assert both.needs_rotation(old_token) is True
    assert both.needs_rotation(new_token) is False


def test_reencrypt_moves_a_token_under_the_first_key_and_leaves_current_ones() -> None:
    both = ring(("new", KEY_A), ("old", KEY_B))
    old_token = ring(("old", KEY_B)).encrypt(b"x", associated_data=AAD)
    current = both.encrypt(b"y", associated_data=AAD)

    moved = both.reencrypt(old_token, associated_data=AAD)

    assert token_key_id(moved) == "new"
    assert ring(("new", KEY_A)).decrypt(moved, associated_data=AAD) == b"x"
    assert both.reencrypt(current, associated_data=AAD) == current


def test_empty_plaintext_round_trips() -> None:
    key_ring_ = ring(("k1", KEY_A))

    assert (
        key_ring_.decrypt(key_ring_.encrypt(b"", associated_data=AAD), associated_data=AAD) == b""
    )


@pytest.mark.parametrize(
    ("keys_", "message"),
    [
        ([], "the key ring needs at least one key"),
        ([("bad id", KEY_A)], "bad key id: ids are 1-16 of A-Z a-z 0-9 _ -"),
        ([("k1", b"short")], "key 'k1' must be 32 bytes"),
        ([("k1", KEY_A), ("k1", KEY_B)], "key id 'k1' is listed twice"),
    ],
)
def test_a_ring_refuses_bad_keys(keys_: list[tuple[str, bytes]], message: str) -> None:
    with pytest.raises(KeyConfigurationError) as raised:
        KeyRing(keys_)

    assert str(raised.value) == message


# --- failures: typed, and logged without the value ------------------------------------


def _fails(token: str, key_ring_: KeyRing | None = None) -> DecryptionError:
    with pytest.raises(DecryptionError) as raised:
        (key_ring_ or ring(("k1", KEY_A))).decrypt(
            token, associated_data=AAD, context="crypto_tests.person.full_name of row 7"
        )
    return raised.value


@pytest.fixture
def token() -> str:
    return ring(("k1", KEY_A)).encrypt(SECRET.encode(), associated_data=AAD)


def test_a_tampered_tag_is_refused(token: str) -> None:
    last = token[-1]
    error = _fails(swap(token, len(token) - 1, "A" if last != "A" else "B"))

    assert type(error) is DecryptionError


def test_wrong_key_under_the_same_id_is_refused(token: str) -> None:
    error = _fails(token, ring(("k1", KEY_B)))

    assert str(error) == (
        "cannot decrypt crypto_tests.person.full_name of row 7: authentication failed under "
        "key 'k1' (wrong key, tampered, or moved from another field or row)"
    )


def test_other_associated_data_is_refused(token: str) -> None:
    with pytest.raises(DecryptionError):
        ring(("k1", KEY_A)).decrypt(token, associated_data=AAD + b"x")


def test_an_unknown_key_id_is_its_own_error(token: str) -> None:
    error = _fails(token.replace("v1.k1.", "v1.k9.", 1))

    assert type(error) is UnknownKeyError
    assert str(error) == (
        "cannot decrypt crypto_tests.person.full_name of row 7: key id 'k9' is not in the ring"
    )


@pytest.mark.parametrize(
    ("mangle", "reason"),
    [
        (lambda t: t[:22], "token data too short (truncated)"),
        (lambda t: cut_bytes(t, 1), AUTH_FAILED),
        (lambda t: cut_bytes(t, 16), AUTH_FAILED),
        (lambda t: t + "=", "malformed token data (not base64)"),
        (lambda t: t + "!", "malformed token data (not base64)"),
        (lambda t: t + "é", "malformed token data (not base64)"),
        (lambda t: "v2" + t[2:], "malformed token (expected 'v1.<key id>.<data>')"),
        (lambda t: "garbage", "malformed token (expected 'v1.<key id>.<data>')"),
        (lambda t: "", "malformed token (expected 'v1.<key id>.<data>')"),
        (lambda t: t + ".x", "malformed token (expected 'v1.<key id>.<data>')"),
    ],
)
def test_malformed_and_truncated_tokens_are_refused(
    token: str, mangle: object, reason: str
) -> None:
    assert callable(mangle)
    error = _fails(mangle(token))

    assert type(error) is DecryptionError
    assert str(error) == f"cannot decrypt crypto_tests.person.full_name of row 7: {reason}"


def test_a_truncation_to_an_impossible_base64_length_is_refused(token: str) -> None:
    data = token.split(".")[2]
    cut = token[: len(token) - len(data) + (len(data) // 4) * 4 + 1]

    assert "not base64" in str(_fails(cut))


def test_a_failure_is_logged_naming_the_field_never_the_value(
    token: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.ERROR, logger="partnership.crypto")

    _fails(token, ring(("k1", KEY_B)))

    assert [(r.name, r.levelname) for r in caplog.records] == [("partnership.crypto", "ERROR")]
    message = caplog.records[0].getMessage()
    assert message.startswith("cannot decrypt crypto_tests.person.full_name of row 7:")
    assert SECRET not in caplog.text
    assert token.split(".")[2] not in caplog.text
    assert base64.b64encode(KEY_A).decode() not in caplog.text


def test_token_key_id_refuses_non_tokens() -> None:
    with pytest.raises(DecryptionError):
        token_key_id(None)  # type: ignore[arg-type]


# --- the property: identity, and any one-character change is refused -----------------

PROPERTY_RING = KeyRing([("k1", KEY_A), ("k2", KEY_B)])


@given(text=st.text())
def test_encrypt_then_decrypt_is_the_identity(text: str) -> None:
    token = PROPERTY_RING.encrypt(text.encode(), associated_data=AAD)

    assert PROPERTY_RING.decrypt(token, associated_data=AAD).decode() == text


@given(text=st.text(max_size=64), data=st.data())
def test_any_single_character_change_is_refused(text: str, data: st.DataObject) -> None:
    token = PROPERTY_RING.encrypt(text.encode(), associated_data=AAD)
    index = data.draw(st.integers(min_value=0, max_value=len(token) - 1), label="index")
    replacement = data.draw(
        st.characters(codec="utf-8").filter(lambda c: c != token[index]), label="replacement"
    )

    with pytest.raises(DecryptionError):
        PROPERTY_RING.decrypt(swap(token, index, replacement), associated_data=AAD)


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


class ShortIndexKeyProvider:
    def field_keys(self) -> list[tuple[str, bytes]]:
        return [("kms1", KEY_A)]

    def blind_index_key(self) -> bytes:
        return b"short"


class SameKeyProvider:
    def field_keys(self) -> list[tuple[str, bytes]]:
        return [("kms1", KEY_A)]

    def blind_index_key(self) -> bytes:
        return KEY_A


def test_another_provider_can_be_named_by_a_setting(settings: Settings) -> None:
    settings.CRYPTO_KEY_PROVIDER = f"{__name__}.SameKeyProvider"

    assert key_ring().key_ids == ("kms1",)
    assert keys.blind_index_key() == KEY_A


def test_a_provider_blind_index_key_of_the_wrong_length_is_refused(settings: Settings) -> None:
    settings.CRYPTO_KEY_PROVIDER = f"{__name__}.ShortIndexKeyProvider"

    with pytest.raises(KeyConfigurationError) as raised:
        keys.blind_index_key()

    assert str(raised.value) == "the blind index key must be 32 bytes"


def test_an_unimportable_provider_is_named(settings: Settings) -> None:
    settings.CRYPTO_KEY_PROVIDER = "partnership.crypto.nowhere.Provider"

    with pytest.raises(KeyConfigurationError) as raised:
        key_ring()

    assert str(raised.value) == (
        "CRYPTO_KEY_PROVIDER 'partnership.crypto.nowhere.Provider' cannot be imported"
    )


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


def test_the_check_refuses_a_blind_index_key_equal_to_a_field_key(settings: Settings) -> None:
    settings.CRYPTO_KEY_PROVIDER = f"{__name__}.SameKeyProvider"

    assert [e.id for e in check_keys()] == ["crypto.E004"]


def test_the_check_refuses_a_short_provider_index_key(settings: Settings) -> None:
    settings.CRYPTO_KEY_PROVIDER = f"{__name__}.ShortIndexKeyProvider"

    assert [(e.id, e.msg) for e in check_keys()] == [
        ("crypto.E002", "The blind index key is malformed: the blind index key must be 32 bytes.")
    ]


def test_the_check_names_an_unimportable_provider(settings: Settings) -> None:
    settings.CRYPTO_KEY_PROVIDER = "nowhere.Provider"

    assert [(e.id, e.msg) for e in check_keys()] == [
        ("crypto.E003", "CRYPTO_KEY_PROVIDER 'nowhere.Provider' cannot be imported.")
    ]


def test_the_check_is_registered() -> None:
    from django.core import checks

    assert check_keys in checks.registry.registry.get_checks()


def test_a_change_in_the_unused_bits_of_the_last_character_is_refused() -> None:
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    # 12 + 1 + 16 = 29 bytes: 39 characters, the last with two unused low bits.
    token = ring(("k1", KEY_A)).encrypt(b"x", associated_data=AAD)
    same_bytes = swap(token, len(token) - 1, alphabet[alphabet.index(token[-1]) ^ 1])
    data, other = token.split(".")[2], same_bytes.split(".")[2]
    assert base64.urlsafe_b64decode(data + "=") == base64.urlsafe_b64decode(other + "=")

    assert str(_fails(same_bytes)).endswith("malformed token data (not base64)")
