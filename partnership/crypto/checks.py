"""Start-up checks: malformed keys stop ``manage.py`` (``migrate``, ``check``…) with a
clear message instead of failing at the first encrypted read."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.apps import AppConfig
from django.core import checks

from partnership.crypto import keys
from partnership.crypto.errors import KeyConfigurationError


def check_keys(
    app_configs: Sequence[AppConfig] | None = None, **kwargs: Any
) -> list[checks.CheckMessage]:
    errors: list[checks.CheckMessage] = []
    try:
        provider = keys.provider()
    except KeyConfigurationError as exc:
        return [checks.Error(f"{exc}.", id="crypto.E003")]
    field_keys: list[tuple[str, bytes]] = []
    try:
        field_keys = provider.field_keys()
        keys.KeyRing(field_keys)
    except KeyConfigurationError as exc:
        errors.append(
            checks.Error(
                f"Field encryption keys are malformed: {exc}.",
                hint="FIELD_ENCRYPTION_KEYS is 'id:base64key,…' (32-byte keys; the first "
                "encrypts); see docs/crypto.md.",
                id="crypto.E001",
            )
        )
    try:
        index_key = provider.blind_index_key()
        if len(index_key) != keys.KEY_BYTES:
            raise KeyConfigurationError(f"the blind index key must be {keys.KEY_BYTES} bytes")
    except KeyConfigurationError as exc:
        errors.append(
            checks.Error(
                f"The blind index key is malformed: {exc}.",
                hint="BLIND_INDEX_KEY is base64 of 32 random bytes; see docs/crypto.md.",
                id="crypto.E002",
            )
        )
    else:
        if any(key == index_key for _, key in field_keys):
            errors.append(
                checks.Error(
                    "BLIND_INDEX_KEY is the same as a field encryption key; they must differ.",
                    id="crypto.E004",
                )
            )
    return errors
