"""The shared rate limiter: sliding windows, blocks, keyed client addresses, expiry."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import RequestFactory
from pytest_django import Settings

from partnership.core import clock
from partnership.core.models import RateLimitCounter
from partnership.core.ratelimit import (
    client_key,
    rate_limit_admit,
    rate_limit_block,
    rate_limit_blocked_until,
    rate_limit_check,
    rate_limit_hit,
    rate_limit_purge_expired,
    rate_limit_reset,
)

pytestmark = pytest.mark.django_db
WINDOW = dt.timedelta(minutes=10)
START = dt.datetime(2026, 11, 25, 10, 0, 0, tzinfo=dt.UTC)  # a bucket edge


@pytest.fixture
def now(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[dt.datetime]]:
    current = [START]
    monkeypatch.setattr(clock, "now", lambda: current[0])
    if settings.REDIS_URL:
        cache.clear()
    yield current
    if settings.REDIS_URL:
        cache.clear()


def hit(key: str = "k", limit: int = 3) -> bool:
    return rate_limit_hit(scope="test", key=key, limit=limit, window=WINDOW).allowed


def test_hits_over_the_limit_are_refused_per_key(now: list[dt.datetime]) -> None:
    assert [hit() for _ in range(4)] == [True, True, True, False]
    assert hit(key="other") is True
    assert rate_limit_check(scope="test", key="k", limit=3, window=WINDOW).allowed is False


def test_the_previous_window_counts_in_proportion(now: list[dt.datetime]) -> None:
    for _ in range(3):
        hit()
    now[0] = START + WINDOW + dt.timedelta(minutes=5)  # half the last window still counts

    decision = rate_limit_check(scope="test", key="k", limit=3, window=WINDOW)

    assert decision.count == pytest.approx(1.5)
    assert decision.allowed is True
    now[0] = START + 2 * WINDOW
    assert rate_limit_check(scope="test", key="k", limit=3, window=WINDOW).count == 0


def test_splitting_hits_across_a_bucket_edge_does_not_dodge_the_limit(
    now: list[dt.datetime],
) -> None:
    now[0] = START + WINDOW - dt.timedelta(seconds=1)
    assert [hit() for _ in range(3)] == [True] * 3
    now[0] = START + WINDOW + dt.timedelta(seconds=1)

    assert hit() is False


def test_reset_forgets_the_hits(now: list[dt.datetime]) -> None:
    for _ in range(3):
        hit()

    rate_limit_reset(scope="test", key="k", window=WINDOW)

    assert hit() is True


def test_a_block_lasts_until_its_end(now: list[dt.datetime]) -> None:
    until = START + dt.timedelta(minutes=30)
    rate_limit_block(scope="lock", key="k", until=until)

    assert rate_limit_blocked_until(scope="lock", key="k") == until
    assert rate_limit_blocked_until(scope="lock", key="other") is None
    now[0] = until
    assert rate_limit_blocked_until(scope="lock", key="k") is None


def test_entries_expire_within_a_day_and_the_purge_deletes_them(
    now: list[dt.datetime], settings: Settings
) -> None:
    settings.REDIS_URL = ""
    hit()
    rate_limit_block(scope="lock", key="k", until=START + dt.timedelta(hours=24))
    latest = max(RateLimitCounter.objects.values_list("expires_at", flat=True))
    assert latest <= START + dt.timedelta(days=1)

    now[0] = START + dt.timedelta(days=1)
    assert rate_limit_purge_expired() == 2
    assert RateLimitCounter.objects.count() == 0


def test_windows_and_blocks_beyond_a_day_are_refused(now: list[dt.datetime]) -> None:
    with pytest.raises(ValueError, match="12 hours"):
        rate_limit_hit(scope="test", key="k", limit=1, window=dt.timedelta(hours=13))
    with pytest.raises(ValueError, match="24 hours"):
        rate_limit_block(scope="test", key="k", until=START + dt.timedelta(hours=25))


def test_no_address_is_stored_only_a_keyed_hash(now: list[dt.datetime], settings: Settings) -> None:
    settings.REDIS_URL = ""
    request = RequestFactory().get("/", REMOTE_ADDR="203.0.113.77")
    key = client_key(request)
    rate_limit_hit(scope="test", key=key, limit=3, window=WINDOW)

    assert "203.0.113.77" not in key
    assert len(key) == 64
    assert client_key(RequestFactory().get("/", REMOTE_ADDR="203.0.113.78")) != key
    stored = " ".join(RateLimitCounter.objects.values_list("bucket", flat=True))
    assert key not in stored
    assert "203.0.113" not in stored


def test_ipv6_clients_are_keyed_by_their_64_bit_prefix() -> None:
    a = RequestFactory().get("/", REMOTE_ADDR="2001:db8:1:2::1")
    b = RequestFactory().get("/", REMOTE_ADDR="2001:db8:1:2:ffff::9")

    assert client_key(a) == client_key(b)


def test_forwarded_address_is_used_only_behind_a_trusted_proxy(settings: Settings) -> None:
    import ipaddress

    settings.TRUSTED_PROXIES = [ipaddress.ip_network("10.0.0.0/8")]
    behind = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="198.51.100.9, 10.0.0.4"
    )
    direct = RequestFactory().get("/", REMOTE_ADDR="198.51.100.9")

    assert client_key(behind) == client_key(direct)


def test_admit_counts_only_the_attempts_it_lets_through(now: list[dt.datetime]) -> None:
    def admit() -> bool:
        return rate_limit_admit(scope="test", key="k", limit=3, window=WINDOW).allowed

    assert [admit() for _ in range(6)] == [True, True, True, False, False, False]
    # The three refusals were not counted: one window on, the whole allowance is back
    # (the previous bucket's 3 hits weigh nothing at the next bucket's end).
    now[0] = START + 2 * WINDOW - dt.timedelta(seconds=1)
    assert rate_limit_check(scope="test", key="k", limit=3, window=WINDOW).count == pytest.approx(
        3 * (1 / 600)
    )
