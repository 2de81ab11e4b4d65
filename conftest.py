"""Test-wide set-up. Tests run in local mode (tests/local_mode.py) on SQLite unless
DATABASE_URL says otherwise."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from hypothesis import settings as hypothesis_settings
from pytest_django import Settings

hypothesis_settings.register_profile("ci", max_examples=200, deadline=None)
hypothesis_settings.register_profile("deep", max_examples=5000, deadline=None)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(autouse=True)
def _test_settings(settings: Settings) -> None:
    # Static files are not collected for unit tests; the manifest is for served sites.
    settings.STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # A cheap hasher keeps tests fast; the Argon2 parameters have a test of their own.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_redis() -> None:
    """With REDIS_URL, shared state (rate limits, sessions) lives outside the test
    database's rollback; start every test from an empty Redis database."""
    from django.conf import settings
    from django.core.cache import cache

    if settings.REDIS_URL:
        cache.clear()


@pytest.fixture(autouse=True, scope="session")
def _protected_tables_resettable() -> Iterator[None]:
    """Test-only: let the runner empty write-once tables between tests.

    Tests of the write-once guarantee switch this off with ``protected_tables_enforced``.
    """
    from partnership.core import db

    db.allow_protected_writes(True)
    yield
    db.allow_protected_writes(False)


@pytest.fixture
def protected_tables_enforced() -> Iterator[None]:
    from partnership.core import db

    db.allow_protected_writes(False)
    yield
    db.allow_protected_writes(True)
