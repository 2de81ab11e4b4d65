"""Retention batches follow how long each one held the write lock (privacy/retention/run.py)."""

from __future__ import annotations

import pytest

from partnership.compliance.tests.test_retention import (  # noqa: F401 (a fixture)
    only_these_rules,
    remaining,
    session_rule,
    sessions,
)
from partnership.privacy import retention
from partnership.privacy.retention import retention_run
from partnership.privacy.retention import run as retention_engine

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("size", "elapsed", "maximum", "expected"),
    [
        (1000, 0.050, 2000, 500),  # held the lock too long: halve
        (1000, 0.015, 2000, 1000),  # near the target: keep
        (1000, 0.005, 2000, 2000),  # quick: double...
        (2000, 0.001, 2000, 2000),  # ...up to the rule's size
        (150, 0.500, 2000, 100),  # never below the floor...
        (2, 0.500, 2, 2),  # ...or the rule's own size when that is smaller
    ],
)
def test_batches_adapt_to_how_long_the_last_one_held_the_lock(
    size: int, elapsed: float, maximum: int, expected: int
) -> None:
    assert retention.next_batch_size(size, elapsed, maximum=maximum) == expected


@pytest.mark.usefixtures("only_these_rules")
def test_a_slow_database_gets_smaller_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    ticks = iter(range(0, 10_000, 1))  # every batch appears to take a whole second
    monkeypatch.setattr(
        "partnership.privacy.retention.run.perf_counter", lambda: float(next(ticks))
    )
    monkeypatch.setattr(retention_engine, "START_BATCH_SIZE", 4)
    monkeypatch.setattr(retention_engine, "MIN_BATCH_SIZE", 1)
    sessions("old", 7, age_days=31)
    retention.register(session_rule(batch_size=8))

    [outcome] = retention_run(dry_run=False).rules

    # 4, then 2, then 1 at a time: 4 + 2 + 1 = 7 rows, and a last empty look.
    assert (outcome.deleted, outcome.batches) == (7, 3)
    assert remaining() == []
