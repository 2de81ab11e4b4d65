"""The rate limiter every worker shares (DESIGN §5): sign-in throttling, the offers gate.

A **sliding-window counter**: each (scope, key) counts hits in fixed buckets of one
window; the estimate is this bucket's count plus the previous bucket's, weighted by
how much of the previous window still overlaps the sliding one. It needs two
counters per key, is exact at bucket edges to within one window's share, and cannot
be dodged by splitting attempts across a boundary the way a plain fixed window can.

**Blocks** (``rate_limit_block``) are "refuse this key until then" — the account
lock-out after too many failed sign-ins.

Where the state lives: the database (``core.RateLimitCounter``, atomic upserts that
work on SQLite and PostgreSQL) unless ``REDIS_URL`` is set, then Redis through
Django's cache (``add`` + ``incr``, atomic on the server). Nothing is kept in one
process's memory. Every entry expires within a day: windows are at most 12 hours
(a bucket lives two windows), blocks at most 24 hours; the periodic job
``core:ratelimit-purge`` deletes expired database rows.

Keys for clients are ``client_key(request)`` from ``core.client_address``: a keyed HMAC
of the address, never the address itself.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from dataclasses import dataclass
from typing import Any, Protocol

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.utils import timezone

from partnership.core import clock

# The client-address functions live in core.client_address; the limiter's callers
# have always found these two here, and still do.
from partnership.core.client_address import client_address as client_address
from partnership.core.client_address import client_key as client_key

MAX_WINDOW = dt.timedelta(hours=12)
MAX_BLOCK = dt.timedelta(hours=24)
_EPOCH = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


@dataclass(frozen=True)
class Decision:
    """What the limiter says about one key now.

    ``allowed`` is False once the sliding count is over ``limit`` (after a hit) or has
    reached it (on a check); ``retry_after`` is when it is next worth trying.
    """

    allowed: bool
    count: float
    limit: int
    retry_after: dt.datetime


class RateLimitStore(Protocol):
    def increment(self, *, bucket: str, expires_at: dt.datetime) -> int: ...
    def read(self, *, bucket: str) -> int: ...
    def delete(self, *, buckets: list[str]) -> None: ...
    def block(self, *, bucket: str, until: dt.datetime) -> None: ...
    def blocked_until(self, *, bucket: str) -> dt.datetime | None: ...
    def purge_expired(self) -> int: ...


# One statement each, atomic on SQLite (3.35+) and PostgreSQL: no read-modify-write race.
_INCREMENT_SQL = (
    "INSERT INTO core_ratelimitcounter (bucket, count, expires_at) VALUES (%s, 1, %s) "
    "ON CONFLICT (bucket) DO UPDATE SET count = core_ratelimitcounter.count + 1 "
    "RETURNING count"
)
_BLOCK_SQL = (
    "INSERT INTO core_ratelimitcounter (bucket, count, expires_at) VALUES (%s, 0, %s) "
    "ON CONFLICT (bucket) DO UPDATE SET expires_at = excluded.expires_at"
)

_SELECT_SQL = {
    column: f"SELECT {column} FROM core_ratelimitcounter WHERE bucket = %s AND expires_at > %s"  # noqa: S608 (a fixed column name)
    for column in ("count", "expires_at")
}


class DatabaseStore:
    """``core_ratelimitcounter``: one row per bucket; upserts are atomic on both databases."""

    def increment(self, *, bucket: str, expires_at: dt.datetime) -> int:
        # One statement is atomic by itself: no savepoint needed (they cost round trips).
        with connection.cursor() as cursor:
            cursor.execute(
                _INCREMENT_SQL, [bucket, connection.ops.adapt_datetimefield_value(expires_at)]
            )
            row = cursor.fetchone()
        return int(row[0])

    def read(self, *, bucket: str) -> int:
        row = self._select("count", bucket)
        return int(row[0]) if row else 0

    def _select(self, column: str, bucket: str) -> tuple[Any, ...] | None:
        # Plain SQL: the limiter reads on every sign-in attempt, and the ORM's query
        # building costs more than the query itself.
        now = connection.ops.adapt_datetimefield_value(clock.now())
        with connection.cursor() as cursor:
            cursor.execute(_SELECT_SQL[column], [bucket, now])
            row: tuple[Any, ...] | None = cursor.fetchone()
        return row

    def delete(self, *, buckets: list[str]) -> None:
        from partnership.core.models import RateLimitCounter

        RateLimitCounter.objects.filter(bucket__in=buckets).delete()

    def block(self, *, bucket: str, until: dt.datetime) -> None:
        with connection.cursor() as cursor:
            cursor.execute(_BLOCK_SQL, [bucket, connection.ops.adapt_datetimefield_value(until)])

    def blocked_until(self, *, bucket: str) -> dt.datetime | None:
        row = self._select("expires_at", bucket)
        if row is None:
            return None
        raw: dt.datetime | str = row[0]
        # SQLite hands back text
        until = dt.datetime.fromisoformat(raw) if isinstance(raw, str) else raw
        if timezone.is_naive(until):
            until = timezone.make_aware(until, dt.UTC)
        return until

    def purge_expired(self) -> int:
        from partnership.core.models import RateLimitCounter

        deleted, _ = RateLimitCounter.objects.filter(expires_at__lte=clock.now()).delete()
        return deleted


class CacheStore:
    """Redis through Django's cache. The expiry is also kept in the value (blocks) or
    the bucket name (counters), so ``clock.now()`` decides, not only the server's TTL."""

    prefix = "ratelimit:"

    def _ttl(self, expires_at: dt.datetime) -> int:
        # The server forgets a little after the limiter stops caring, never later than a day.
        return max(1, min(int((expires_at - clock.now()).total_seconds()) + 60, 86_400))

    def increment(self, *, bucket: str, expires_at: dt.datetime) -> int:
        key = self.prefix + bucket
        cache.add(key, 0, timeout=self._ttl(expires_at))
        try:
            return int(cache.incr(key))
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout=self._ttl(expires_at))
            return 1

    def read(self, *, bucket: str) -> int:
        return int(cache.get(self.prefix + bucket, 0))

    def delete(self, *, buckets: list[str]) -> None:
        cache.delete_many([self.prefix + bucket for bucket in buckets])

    def block(self, *, bucket: str, until: dt.datetime) -> None:
        cache.set(self.prefix + bucket, until.timestamp(), timeout=self._ttl(until))

    def blocked_until(self, *, bucket: str) -> dt.datetime | None:
        stamp = cache.get(self.prefix + bucket)
        if stamp is None:
            return None
        until = dt.datetime.fromtimestamp(float(stamp), tz=dt.UTC)
        return until if until > clock.now() else None

    def purge_expired(self) -> int:
        return 0  # Redis expires keys itself.


def rate_limit_store() -> RateLimitStore:
    return CacheStore() if settings.REDIS_URL else DatabaseStore()


# --- the API ----------------------------------------------------------------------------
def _bucket(*parts: str) -> str:
    return hashlib.sha256("\x00".join(parts).encode("utf-8")).hexdigest()


def _check_args(*, scope: str, key: str, limit: int, window: dt.timedelta) -> None:
    if not scope or not key:
        raise ValueError("a rate limit needs a scope and a key")
    if limit < 1:
        raise ValueError("a rate limit must allow at least one hit")
    if not dt.timedelta(seconds=1) <= window <= MAX_WINDOW:
        raise ValueError("a rate-limit window must be between 1 second and 12 hours")


@dataclass(frozen=True)
class _Window:
    current: str
    previous: str
    start: dt.datetime
    weight: float  # share of the previous bucket still inside the sliding window


def _window(*, scope: str, key: str, window: dt.timedelta, now: dt.datetime) -> _Window:
    seconds = window.total_seconds()
    elapsed = (now - _EPOCH).total_seconds()
    index = math.floor(elapsed / seconds)
    start = _EPOCH + dt.timedelta(seconds=index * seconds)
    into = (now - start).total_seconds() / seconds
    return _Window(
        current=_bucket("count", scope, key, str(int(seconds)), str(index)),
        previous=_bucket("count", scope, key, str(int(seconds)), str(index - 1)),
        start=start,
        weight=1.0 - into,
    )


def _decision(
    *, count: float, limit: int, allowed: bool, w: _Window, window: dt.timedelta
) -> Decision:
    retry_after = clock.now() if allowed else w.start + window
    return Decision(allowed=allowed, count=count, limit=limit, retry_after=retry_after)


def rate_limit_hit(*, scope: str, key: str, limit: int, window: dt.timedelta) -> Decision:
    """Count one hit for ``key`` in ``scope``; allowed while the sliding count ≤ ``limit``."""
    _check_args(scope=scope, key=key, limit=limit, window=window)
    store = rate_limit_store()
    w = _window(scope=scope, key=key, window=window, now=clock.now())
    current = store.increment(bucket=w.current, expires_at=w.start + 2 * window)
    count = current + store.read(bucket=w.previous) * w.weight
    return _decision(count=count, limit=limit, allowed=count <= limit, w=w, window=window)


def rate_limit_check(*, scope: str, key: str, limit: int, window: dt.timedelta) -> Decision:
    """Would one more hit be allowed? Counts nothing."""
    _check_args(scope=scope, key=key, limit=limit, window=window)
    store = rate_limit_store()
    w = _window(scope=scope, key=key, window=window, now=clock.now())
    count = store.read(bucket=w.current) + store.read(bucket=w.previous) * w.weight
    return _decision(count=count, limit=limit, allowed=count < limit, w=w, window=window)


def rate_limit_admit(*, scope: str, key: str, limit: int, window: dt.timedelta) -> Decision:
    """Let one more attempt through and count it, or refuse it without counting.

    The check decides, so a refused client that keeps trying is not kept waiting
    longer. Attempts that pass the check at the same moment are all let through, so
    the limit can be overshot by as many as race; that is the price of not counting
    refusals.
    """
    decision = rate_limit_check(scope=scope, key=key, limit=limit, window=window)
    if decision.allowed:
        rate_limit_hit(scope=scope, key=key, limit=limit, window=window)
    return decision


def rate_limit_reset(*, scope: str, key: str, window: dt.timedelta) -> None:
    """Forget the hits counted for ``key`` (e.g. failures, after a success)."""
    w = _window(scope=scope, key=key, window=window, now=clock.now())
    rate_limit_store().delete(buckets=[w.current, w.previous])


def rate_limit_block(*, scope: str, key: str, until: dt.datetime) -> None:
    """Refuse ``key`` in ``scope`` until ``until`` (at most 24 hours ahead)."""
    if not scope or not key:
        raise ValueError("a block needs a scope and a key")
    if until - clock.now() > MAX_BLOCK:
        raise ValueError("a block lasts at most 24 hours")
    rate_limit_store().block(bucket=_bucket("block", scope, key), until=until)


def rate_limit_blocked_until(*, scope: str, key: str) -> dt.datetime | None:
    """When the block on ``key`` ends, or None when there is none."""
    return rate_limit_store().blocked_until(bucket=_bucket("block", scope, key))


def rate_limit_unblock(*, scope: str, key: str) -> None:
    rate_limit_store().delete(buckets=[_bucket("block", scope, key)])


def rate_limit_purge_expired() -> int:
    """Delete expired counters and blocks (the database store); return how many."""
    return rate_limit_store().purge_expired()
