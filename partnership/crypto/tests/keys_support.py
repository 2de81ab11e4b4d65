"""Fixed keys, associated data and token surgery for the key ring tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

import pytest
from pytest_django import Settings

from partnership.crypto import keys
from partnership.crypto.keys import KeyRing

AAD = b"crypto_tests.person|full_name|0b7c6f2e-0000-4000-8000-000000000001"
SECRET = "Ada Lovelace, 12 Crescent Road"
KEY_A = bytes([1]) * 32
KEY_B = bytes([2]) * 32


def ring(*pairs: tuple[str, bytes]) -> KeyRing:
    return KeyRing(list(pairs))


def swap(token: str, index: int, char: str) -> str:
    return token[:index] + char + token[index + 1 :]


def use_key_provider(
    monkeypatch: pytest.MonkeyPatch, settings: Settings, provider_class: type[object]
) -> str:
    """Add a test provider to ``KEY_PROVIDERS`` for one test and name it in the setting.

    Some test providers lack methods on purpose (written before the card keys), so the
    class is cast to the factory type rather than checked against the protocol.
    """
    name = f"test-{provider_class.__name__}"
    factory = cast("Callable[[], keys.KeyProvider]", provider_class)
    monkeypatch.setitem(keys.KEY_PROVIDERS, name, factory)
    settings.CRYPTO_KEY_PROVIDER = name
    return name
