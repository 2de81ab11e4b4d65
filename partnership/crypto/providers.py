"""Where keys come from: the ``KeyProvider`` protocol, the settings provider, and the
typed registry that ``settings.CRYPTO_KEY_PROVIDER`` names one of.

A KMS-backed provider implements the protocol and is added to ``KEY_PROVIDERS``
under a short name; callers of the rings never change.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable
from typing import Protocol

from django.conf import settings

from partnership.crypto.errors import KeyConfigurationError, UnknownKeyProviderError
from partnership.crypto.ring import KEY_BYTES, KEY_ID_PATTERN

DEFAULT_KEY_PROVIDER = "settings"


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
