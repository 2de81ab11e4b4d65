"""Keys for field encryption and blind indexes, and the key rings that use them.

A ring is shaped like Django's ``PASSWORD_HASHERS``: the first key encrypts new
values, every listed key still decrypts old ones. There are two rings: the field
ring (``FIELD_ENCRYPTION_KEYS``) for personal data, and the card-data ring
(``CARD_DATA_KEYS``) for card numbers alone, so that no key but that one opens them.
The card-number index has keys of its own too (``CARD_INDEX_KEYS``). Keys come from
a ``KeyProvider`` named by ``settings.CRYPTO_KEY_PROVIDER``, a short name looked up in
``KEY_PROVIDERS`` (default ``"settings"``: the settings themselves), so a KMS-backed
provider can be added there without touching the callers.

This module holds the process-wide rings and index keys, built once from the provider
and rebuilt when a key setting changes. The ring and token format are in
``crypto/ring.py``, the providers in ``crypto/providers.py``; their public names are
importable from here too.
"""

from __future__ import annotations

from django.core.signals import setting_changed
from django.dispatch import receiver

from partnership.crypto.errors import KeyConfigurationError
from partnership.crypto.providers import (
    DEFAULT_KEY_PROVIDER,
    KEY_PROVIDER_ALIASES,
    KEY_PROVIDERS,
    KeyProvider,
    SettingsKeyProvider,
    decode_key,
    parse_field_keys,
    provider,
)
from partnership.crypto.ring import KEY_BYTES, KEY_ID_PATTERN, TOKEN_VERSION, KeyRing, token_key_id

__all__ = [
    "DEFAULT_KEY_PROVIDER",
    "KEY_BYTES",
    "KEY_ID_PATTERN",
    "KEY_PROVIDERS",
    "KEY_PROVIDER_ALIASES",
    "KEY_SETTINGS",
    "RING_CARD_DATA",
    "RING_FIELD",
    "RING_SETTINGS",
    "TOKEN_VERSION",
    "KeyProvider",
    "KeyRing",
    "SettingsKeyProvider",
    "blind_index_key",
    "card_index_keys",
    "decode_key",
    "key_ring",
    "parse_field_keys",
    "provider",
    "reset_cache",
    "ring_keys",
    "token_key_id",
]

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
