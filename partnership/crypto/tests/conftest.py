"""Fixed test keys: each test starts with one field key (``k1``) and a blind-index key."""

from __future__ import annotations

import pytest
from pytest_django import Settings

from partnership.crypto.tests.support import b64_key, field_keys


@pytest.fixture(autouse=True)
def crypto_keys(settings: Settings) -> Settings:
    settings.FIELD_ENCRYPTION_KEYS = field_keys("k1")
    settings.BLIND_INDEX_KEY = b64_key(0xB1)
    settings.CARD_DATA_KEYS = field_keys("c1")
    settings.CARD_INDEX_KEYS = field_keys("i1")
    return settings
