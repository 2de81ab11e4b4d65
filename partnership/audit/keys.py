"""The audit signing key and the keys that verify checkpoints.

``AUDIT_SIGNING_KEY`` is ``id:base64`` of a raw 32-byte Ed25519 private key.
``AUDIT_VERIFY_KEYS`` is ``id:base64 raw public key,…``; empty means the signing
key's own public key under its id. Like Django's ``PASSWORD_HASHERS``: one key signs
new checkpoints, every listed key verifies old ones. Error messages name the setting
and the key id, never key material.
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

_KEY_ID = re.compile(r"[A-Za-z0-9_-]{1,32}")


class AuditKeyError(ImproperlyConfigured):
    """An audit key setting is malformed (the message never contains key material)."""


@dataclass(frozen=True)
class SigningKey:
    key_id: str
    private_key: Ed25519PrivateKey

    def public_bytes(self) -> bytes:
        return self.private_key.public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw
        )


def _split(setting: str, item: str) -> tuple[str, bytes]:
    key_id, separator, encoded = item.strip().partition(":")
    if not separator or not _KEY_ID.fullmatch(key_id):
        raise AuditKeyError(f"{setting} must be 'id:base64key' with an id of letters and digits")
    try:
        raw = base64.b64decode(encoded.strip(), validate=True)
    except (binascii.Error, ValueError):
        raise AuditKeyError(f"{setting}: key {key_id!r} is not valid base64") from None
    if len(raw) != 32:
        raise AuditKeyError(f"{setting}: key {key_id!r} must be 32 raw bytes (Ed25519)")
    return key_id, raw


def signing_key() -> SigningKey:
    key_id, raw = _split("AUDIT_SIGNING_KEY", settings.AUDIT_SIGNING_KEY)
    return SigningKey(key_id, Ed25519PrivateKey.from_private_bytes(raw))


def verify_keys() -> dict[str, Ed25519PublicKey]:
    configured = settings.AUDIT_VERIFY_KEYS.strip()
    if not configured:
        own = signing_key()
        return {own.key_id: Ed25519PublicKey.from_public_bytes(own.public_bytes())}
    keys: dict[str, Ed25519PublicKey] = {}
    for item in configured.split(","):
        if not item.strip():
            continue
        key_id, raw = _split("AUDIT_VERIFY_KEYS", item)
        if key_id in keys:
            raise AuditKeyError(f"AUDIT_VERIFY_KEYS lists key {key_id!r} twice")
        keys[key_id] = Ed25519PublicKey.from_public_bytes(raw)
    return keys


def public_key_bytes(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
