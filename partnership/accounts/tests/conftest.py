from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from django.conf import settings
from django.core.cache import cache

from partnership.core import clock


class FrozenClock:
    def __init__(self, start: dt.datetime) -> None:
        self.current = start

    def now(self) -> dt.datetime:
        return self.current

    def advance(self, **delta: float) -> None:
        self.current += dt.timedelta(**delta)


@pytest.fixture
def frozen_clock(monkeypatch: pytest.MonkeyPatch) -> FrozenClock:
    # Mid-window for every limiter window used (no bucket edge nearby).
    frozen = FrozenClock(dt.datetime(2026, 11, 25, 10, 7, 10, tzinfo=dt.UTC))
    monkeypatch.setattr(clock, "now", frozen.now)
    return frozen


@pytest.fixture(autouse=True)
def _limiter_state_cleared() -> Iterator[None]:
    # The database store is reset with each test's transaction; Redis is not.
    if settings.REDIS_URL:
        cache.clear()
    yield
    if settings.REDIS_URL:
        cache.clear()
