"""Decryption failures: typed errors for damaged tokens, logged without the value."""

from __future__ import annotations

import base64
import logging

import pytest

from partnership.crypto.errors import DecryptionError, UnknownKeyError
from partnership.crypto.keys import KeyRing, token_key_id
from partnership.crypto.tests.keys_support import AAD, KEY_A, KEY_B, SECRET, ring, swap


def cut_bytes(token: str, n: int) -> str:
    """The token with the last ``n`` bytes of its data removed, still valid base64."""
    head, data = token.rsplit(".", 1)
    raw = base64.urlsafe_b64decode(data + "=" * (-len(data) % 4))
    return head + "." + base64.urlsafe_b64encode(raw[:-n]).decode().rstrip("=")


AUTH_FAILED = (
    "authentication failed under key 'k1' (wrong key, tampered, or moved from another field or row)"
)


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


def test_a_change_in_the_unused_bits_of_the_last_character_is_refused() -> None:
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    # 12 + 1 + 16 = 29 bytes: 39 characters, the last with two unused low bits.
    token = ring(("k1", KEY_A)).encrypt(b"x", associated_data=AAD)
    same_bytes = swap(token, len(token) - 1, alphabet[alphabet.index(token[-1]) ^ 1])
    data, other = token.split(".")[2], same_bytes.split(".")[2]
    assert base64.urlsafe_b64decode(data + "=") == base64.urlsafe_b64decode(other + "=")

    assert str(_fails(same_bytes)).endswith("malformed token data (not base64)")
