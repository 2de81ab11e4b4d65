from __future__ import annotations

import base64
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pytest_django import Settings


def new_key_pair(key_id: str) -> tuple[str, str]:
    """(AUDIT_SIGNING_KEY value, its public key as an AUDIT_VERIFY_KEYS item)."""
    private = Ed25519PrivateKey.generate()
    raw_private = private.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    raw_public = private.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    return (
        f"{key_id}:{base64.b64encode(raw_private).decode()}",
        f"{key_id}:{base64.b64encode(raw_public).decode()}",
    )


@pytest.fixture(autouse=True)
def checkpoint_dir(settings: Settings, tmp_path: Path) -> Path:
    """Each test signs with a fresh key into a directory of its own."""
    directory = tmp_path / "checkpoints"
    settings.AUDIT_CHECKPOINT_DIR = directory
    settings.AUDIT_SIGNING_KEY, _ = new_key_pair("t1")
    settings.AUDIT_VERIFY_KEYS = ""
    return directory
