"""The key ring: token format, fresh nonces, rotation, bad keys, the round-trip property."""

from __future__ import annotations

import base64

import pytest
from hypothesis import given
from hypothesis import strategies as st

from partnership.crypto.errors import DecryptionError, KeyConfigurationError
from partnership.crypto.keys import KeyRing, token_key_id
from partnership.crypto.tests.keys_support import AAD, KEY_A, KEY_B, SECRET, ring, swap

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
