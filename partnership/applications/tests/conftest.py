from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client


@pytest.fixture
def cookieless() -> Client:
    """A browser that keeps no cookies: Django's CSRF check is left to the cookieless one."""
    return Client(enforce_csrf_checks=True)


@pytest.fixture(autouse=True)
def _limiter_state_cleared() -> Iterator[None]:
    # Every journey here comes from one address. The database store is reset with each
    # test's transaction; Redis is not.
    if settings.REDIS_URL:
        cache.clear()
    yield
    if settings.REDIS_URL:
        cache.clear()
