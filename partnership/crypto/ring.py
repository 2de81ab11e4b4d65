"""The key ring and the token format: AES-256-GCM under a list of keys.

A ring is shaped like Django's ``PASSWORD_HASHERS``: the first key encrypts new
values, every listed key still decrypts old ones.

A token is ``v1.<key id>.<urlsafe base64 of nonce || ciphertext || tag>`` (no
padding). The key id is readable without decrypting, so rotation can skip values
already under the first key.
"""

from __future__ import annotations

import base64
import binascii
import logging
import re
import secrets
from collections.abc import Sequence

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from partnership.crypto.errors import DecryptionError, KeyConfigurationError, UnknownKeyError

logger = logging.getLogger("partnership.crypto")

TOKEN_VERSION = "v1"  # noqa: S105 (a format version, not a secret)
KEY_BYTES = 32
NONCE_BYTES = 12
TAG_BYTES = 16
KEY_ID_PATTERN = re.compile(r"[A-Za-z0-9_-]{1,16}")


def _b64encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _b64decode(text: str) -> bytes | None:
    """Decode canonical unpadded URL-safe base64, or None.

    Canonical means re-encoding gives the same text: otherwise a changed character in
    the unused low bits of the last one would decode to the same bytes and go unseen.
    """
    if not text.isascii() or "=" in text:
        return None
    try:
        data = base64.b64decode(text + "=" * (-len(text) % 4), altchars=b"-_", validate=True)
    except (binascii.Error, ValueError):
        return None
    return data if _b64encode(data) == text else None


def token_key_id(token: str) -> str:
    """The key id a token was encrypted under, read without decrypting.

    Raises ``DecryptionError`` when the token is not of the form ``v1.<id>.<data>``.
    """
    parts = token.split(".") if isinstance(token, str) else []
    if len(parts) != 3 or parts[0] != TOKEN_VERSION or not KEY_ID_PATTERN.fullmatch(parts[1]):
        raise DecryptionError("malformed token (expected 'v1.<key id>.<data>')")
    return parts[1]


class KeyRing:
    """AES-256-GCM with a list of keys: the first encrypts, every one decrypts."""

    def __init__(self, keys: Sequence[tuple[str, bytes]]) -> None:
        if not keys:
            raise KeyConfigurationError("the key ring needs at least one key")
        self._ciphers: dict[str, AESGCM] = {}
        for key_id, key in keys:
            if not KEY_ID_PATTERN.fullmatch(key_id):
                raise KeyConfigurationError("bad key id: ids are 1-16 of A-Z a-z 0-9 _ -")
            if len(key) != KEY_BYTES:
                raise KeyConfigurationError(f"key {key_id!r} must be {KEY_BYTES} bytes")
            if key_id in self._ciphers:
                raise KeyConfigurationError(f"key id {key_id!r} is listed twice")
            self._ciphers[key_id] = AESGCM(key)
        self.primary_key_id: str = keys[0][0]
        self.key_ids: tuple[str, ...] = tuple(self._ciphers)

    def encrypt(self, plaintext: bytes, *, associated_data: bytes) -> str:
        """Encrypt under the first key with a fresh random 96-bit nonce."""
        nonce = secrets.token_bytes(NONCE_BYTES)
        sealed = self._ciphers[self.primary_key_id].encrypt(nonce, plaintext, associated_data)
        return f"{TOKEN_VERSION}.{self.primary_key_id}.{_b64encode(nonce + sealed)}"

    def decrypt(self, token: str, *, associated_data: bytes, context: str = "a value") -> bytes:
        """Decrypt a token or raise a typed error; ``context`` names what it was.

        ``context`` (e.g. ``"accounts.customer.email of row <id>"``) goes into the
        error and the log; it must name things, never hold a value.
        """
        try:
            key_id = token_key_id(token)
        except DecryptionError as exc:
            raise self._failed(DecryptionError, context, str(exc)) from None
        cipher = self._ciphers.get(key_id)
        if cipher is None:
            raise self._failed(UnknownKeyError, context, f"key id {key_id!r} is not in the ring")
        data = _b64decode(token.split(".")[2])
        if data is None:
            raise self._failed(DecryptionError, context, "malformed token data (not base64)")
        if len(data) < NONCE_BYTES + TAG_BYTES:
            raise self._failed(DecryptionError, context, "token data too short (truncated)")
        try:
            return cipher.decrypt(data[:NONCE_BYTES], data[NONCE_BYTES:], associated_data)
        except InvalidTag:
            raise self._failed(
                DecryptionError,
                context,
                f"authentication failed under key {key_id!r} (wrong key, tampered, or "
                f"moved from another field or row)",
            ) from None

    def needs_rotation(self, token: str) -> bool:
        """True when the token is not under the first key (read from the id alone)."""
        return token_key_id(token) != self.primary_key_id

    def reencrypt(self, token: str, *, associated_data: bytes, context: str = "a value") -> str:
        """The same plaintext under the first key; unchanged when already under it."""
        if not self.needs_rotation(token):
            return token
        plaintext = self.decrypt(token, associated_data=associated_data, context=context)
        return self.encrypt(plaintext, associated_data=associated_data)

    @staticmethod
    def _failed(kind: type[DecryptionError], context: str, reason: str) -> DecryptionError:
        message = f"cannot decrypt {context}: {reason}"
        logger.error("%s", message)
        return kind(message)
