"""Keys for field encryption and blind indexes, and the key rings that use them.

A ring is shaped like Django's ``PASSWORD_HASHERS``: the first key encrypts new
values, every listed key still decrypts old ones. There are two rings: the field
ring (``FIELD_ENCRYPTION_KEYS``) for personal data, and the card-data ring
(``CARD_DATA_KEYS``) for card numbers alone, so that no key but that one opens them.
The card-number index has keys of its own too (``CARD_INDEX_KEYS``). Keys come from
a ``KeyProvider`` named by ``settings.CRYPTO_KEY_PROVIDER``, a short name looked up in
``KEY_PROVIDERS`` (default ``"settings"``: the settings themselves), so a KMS-backed
provider can be added there without touching the callers.

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
from collections.abc import Callable, Sequence
from typing import Protocol

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

from partnership.crypto.errors import (
    DecryptionError,
    KeyConfigurationError,
    UnknownKeyError,
    UnknownKeyProviderError,
)

logger = logging.getLogger("partnership.crypto")

TOKEN_VERSION = "v1"  # noqa: S105 (a format version, not a secret)
KEY_BYTES = 32
NONCE_BYTES = 12
TAG_BYTES = 16
KEY_ID_PATTERN = re.compile(r"[A-Za-z0-9_-]{1,16}")
DEFAULT_KEY_PROVIDER = "settings"
# Settings whose change must rebuild the cached ring (tests swap keys with them).
KEY_SETTINGS = frozenset(
    {
        "FIELD_ENCRYPTION_KEYS",
        "BLIND_INDEX_KEY",
        "CARD_DATA_KEYS",
        "CARD_INDEX_KEYS",
        "CRYPTO_KEY_PROVIDER",
    }
)
# The rings, by name, and the setting each one is read from (for messages).
RING_FIELD = "field"
RING_CARD_DATA = "card-data"
RING_SETTINGS = {RING_FIELD: "FIELD_ENCRYPTION_KEYS", RING_CARD_DATA: "CARD_DATA_KEYS"}


class KeyProvider(Protocol):
    """Where keys come from. A KMS provider implements the same four methods."""

    def field_keys(self) -> list[tuple[str, bytes]]:
        """``(key id, 32-byte key)`` pairs; the first encrypts, all decrypt."""
        ...

    def blind_index_key(self) -> bytes:
        """The 32-byte HMAC key for blind indexes, separate from the field keys."""
        ...

    def card_data_keys(self) -> list[tuple[str, bytes]]:
        """``(key id, 32-byte key)`` pairs for card numbers alone; the first encrypts."""
        ...

    def card_index_keys(self) -> list[tuple[str, bytes]]:
        """``(key id, 32-byte key)`` HMAC keys of the card-number index.

        The first indexes new numbers; every one is tried on look-up.
        """
        ...


def decode_key(raw: str, *, name: str) -> bytes:
    """Standard or URL-safe base64 of exactly 32 bytes, else ``KeyConfigurationError``."""
    text = raw.strip().replace("-", "+").replace("_", "/")
    try:
        key = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise KeyConfigurationError(f"{name} is not valid base64") from None
    if len(key) != KEY_BYTES:
        raise KeyConfigurationError(
            f"{name} must be {KEY_BYTES} bytes (base64 of {KEY_BYTES} random bytes), not {len(key)}"
        )
    return key


def parse_field_keys(
    raw: str, *, setting: str = "FIELD_ENCRYPTION_KEYS"
) -> list[tuple[str, bytes]]:
    """Parse ``id:base64key,…`` into ``(id, key)`` pairs, in order."""
    entries = [entry.strip() for entry in raw.split(",") if entry.strip()]
    if not entries:
        raise KeyConfigurationError(f"{setting} is empty: it needs at least one 'id:base64key'")
    keys: list[tuple[str, bytes]] = []
    for position, entry in enumerate(entries, start=1):
        key_id, separator, encoded = entry.partition(":")
        key_id = key_id.strip()
        if not separator:
            raise KeyConfigurationError(
                f"{setting} entry {position} is not of the form 'id:base64key'"
            )
        if not KEY_ID_PATTERN.fullmatch(key_id):
            raise KeyConfigurationError(
                f"{setting} entry {position} has a bad key id: ids are 1-16 of A-Z a-z 0-9 _ -"
            )
        keys.append((key_id, decode_key(encoded, name=f"{setting} key {key_id!r}")))
    return keys


def _key_list_setting(setting: str) -> list[tuple[str, bytes]]:
    raw = getattr(settings, setting, "")
    if not isinstance(raw, str):
        raise KeyConfigurationError(f"{setting} must be a string 'id:base64key,…'")
    return parse_field_keys(raw, setting=setting)


class SettingsKeyProvider:
    """Keys from the settings ``FIELD_ENCRYPTION_KEYS``, ``BLIND_INDEX_KEY``,
    ``CARD_DATA_KEYS`` and ``CARD_INDEX_KEYS``."""

    def field_keys(self) -> list[tuple[str, bytes]]:
        return _key_list_setting("FIELD_ENCRYPTION_KEYS")

    def card_data_keys(self) -> list[tuple[str, bytes]]:
        return _key_list_setting("CARD_DATA_KEYS")

    def card_index_keys(self) -> list[tuple[str, bytes]]:
        return _key_list_setting("CARD_INDEX_KEYS")

    def blind_index_key(self) -> bytes:
        raw = getattr(settings, "BLIND_INDEX_KEY", "")
        if not isinstance(raw, str) or not raw.strip():
            raise KeyConfigurationError("BLIND_INDEX_KEY is empty: it needs base64 of 32 bytes")
        return decode_key(raw, name="BLIND_INDEX_KEY")


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


KEY_PROVIDERS: dict[str, Callable[[], KeyProvider]] = {"settings": SettingsKeyProvider}
"""Every value ``CRYPTO_KEY_PROVIDER`` may take, and what it builds: add a KMS one here."""
# The value documented before short names, still accepted so old settings keep working.
KEY_PROVIDER_ALIASES = {"partnership.crypto.keys.SettingsKeyProvider": "settings"}


def provider() -> KeyProvider:
    """The key provider named by ``settings.CRYPTO_KEY_PROVIDER`` in ``KEY_PROVIDERS``."""
    name = getattr(settings, "CRYPTO_KEY_PROVIDER", DEFAULT_KEY_PROVIDER)
    factory = None
    if isinstance(name, str):
        factory = KEY_PROVIDERS.get(KEY_PROVIDER_ALIASES.get(name, name))
    if factory is None:
        known = ", ".join(repr(known) for known in sorted(KEY_PROVIDERS))
        raise UnknownKeyProviderError(
            f"CRYPTO_KEY_PROVIDER {name!r} is not a known key provider (known: {known})"
        )
    return factory()


_cache: dict[str, object] = {}


def ring_keys(name: str) -> list[tuple[str, bytes]]:
    """The keys of the ring called ``name`` (``RING_FIELD`` or ``RING_CARD_DATA``)."""
    source = provider()
    if name == RING_FIELD:
        return source.field_keys()
    if name == RING_CARD_DATA:
        return source.card_data_keys()
    raise KeyConfigurationError(f"there is no key ring called {name!r}")


def key_ring(name: str = RING_FIELD) -> KeyRing:
    """A process-wide ring, built once from the provider (reset when settings change)."""
    ring = _cache.get(f"ring:{name}")
    if ring is None:
        ring = _cache[f"ring:{name}"] = KeyRing(ring_keys(name))
    assert isinstance(ring, KeyRing)
    return ring


def card_index_keys() -> list[tuple[str, bytes]]:
    """The card-number index keys, read once from the provider; the first indexes."""
    cached = _cache.get("card_index_keys")
    if cached is None:
        cached = list(provider().card_index_keys())
        KeyRing(cached)  # the same rules as a ring's: ids, 32-byte keys, no id twice
        _cache["card_index_keys"] = cached
    assert isinstance(cached, list)
    return cached


def blind_index_key() -> bytes:
    """The process-wide blind-index key, read once from the provider."""
    key = _cache.get("blind_index_key")
    if key is None:
        key = provider().blind_index_key()
        if len(key) != KEY_BYTES:
            raise KeyConfigurationError(f"the blind index key must be {KEY_BYTES} bytes")
        _cache["blind_index_key"] = key
    assert isinstance(key, bytes)
    return key


def reset_cache() -> None:
    _cache.clear()


@receiver(setting_changed)
def _reset_on_setting_change(*, setting: str, **kwargs: object) -> None:
    if setting in KEY_SETTINGS:
        reset_cache()
