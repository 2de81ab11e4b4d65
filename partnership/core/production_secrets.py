"""A fresh value of every production secret, in the exact format the settings read.

``manage.py generate_secrets`` prints them as ``NAME=value`` lines for an environment
file (docs/operations.md). This module needs no settings, so
``python -m partnership.core.production_secrets`` prints the same on a machine that
has no secrets yet, without local mode writing any into ``var/secrets/``.
"""

from __future__ import annotations

import base64
import secrets
from collections.abc import Callable

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

KEY_BYTES = 32


def _key() -> str:
    return base64.b64encode(secrets.token_bytes(KEY_BYTES)).decode("ascii")


def _key_ring(key_id: str) -> Callable[[], str]:
    """``id:base64key``: a key ring of one key (the first encrypts, every one decrypts)."""
    return lambda: f"{key_id}:{_key()}"


def _audit_key_pair() -> tuple[str, str]:
    """(``AUDIT_SIGNING_KEY``, ``AUDIT_VERIFY_KEYS``): raw Ed25519 keys, base64, id ``a1``."""
    private = Ed25519PrivateKey.generate()
    raw_private = private.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    raw_public = private.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    return (
        "a1:" + base64.b64encode(raw_private).decode("ascii"),
        "a1:" + base64.b64encode(raw_public).decode("ascii"),
    )


# Each independent of every other: no key is derived from another.
_SINGLE: dict[str, Callable[[], str]] = {
    "SECRET_KEY": lambda: secrets.token_urlsafe(50),
    "FIELD_ENCRYPTION_KEYS": _key_ring("k1"),
    "BLIND_INDEX_KEY": _key,
    "CARD_DATA_KEYS": _key_ring("c1"),
    "CARD_INDEX_KEYS": _key_ring("i1"),
}


# How local mode makes each secret it keeps in var/secrets/ (settings.py): the same
# formats. Local mode derives AUDIT_VERIFY_KEYS from the signing key.
GENERATORS: dict[str, Callable[[], str]] = {
    **_SINGLE,
    "AUDIT_SIGNING_KEY": lambda: _audit_key_pair()[0],
}


def production_secrets_generate() -> dict[str, str]:
    """Every production secret by variable name, freshly generated, in settings order."""
    values = {name: generate() for name, generate in _SINGLE.items()}
    values["AUDIT_SIGNING_KEY"], values["AUDIT_VERIFY_KEYS"] = _audit_key_pair()
    return values


def environment_file_text() -> str:
    lines = [
        "# Production secrets (docs/operations.md): keep this file outside the checkout,",
        "# readable by the service user only (0600), and in the secrets store you back up.",
        "# AUDIT_VERIFY_KEYS is the signing key's public half: keep old ones listed after",
        "# a rotation (docs/audit.md).",
    ]
    lines += [f"{name}={value}" for name, value in production_secrets_generate().items()]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(environment_file_text(), end="")
