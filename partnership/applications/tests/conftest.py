from __future__ import annotations

import pytest
from django.test import Client


@pytest.fixture
def cookieless() -> Client:
    """A browser that keeps no cookies: Django's CSRF check is left to the cookieless one."""
    return Client(enforce_csrf_checks=True)
