"""Typed errors of the crypto app.

Messages name the model, field, row and key id only: never a value, a token or key
material, so they are safe to log and to show an operator.
"""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured


class CryptoError(Exception):
    """Base of every error raised by ``partnership.crypto``."""


class DecryptionError(CryptoError):
    """A token did not decrypt: tampered, truncated, malformed, wrong key, or moved.

    A value copied into another field or another row fails here too, because its
    associated data names the model, field and row it was written for.
    """


class UnknownKeyError(DecryptionError):
    """A token names a key id that is not in the key ring."""


class KeyConfigurationError(CryptoError):
    """The key settings are malformed (bad id, not base64, not 32 bytes, duplicate, empty)."""


class UnknownKeyProviderError(KeyConfigurationError, ImproperlyConfigured):
    """``CRYPTO_KEY_PROVIDER`` names no provider of ``providers.KEY_PROVIDERS``."""
