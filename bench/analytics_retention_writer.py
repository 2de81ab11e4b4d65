"""The concurrent writer of the ``analytics_retention`` benchmark, and how long it waited.

A separate process (``python -m bench.analytics_retention writer OUT``, ``writer_main``) adds
one increment every ``WRITER_INTERVAL`` through ``counter_writes.counters_add`` -- the flusher's own
path, one ``BEGIN IMMEDIATE`` transaction each -- and times each transaction until SIGTERM;
``Writer`` starts and stops it around a deletion, and ``blocking_during`` summarises the writes
that overlapped the deletion.
"""

from __future__ import annotations

import json
import signal
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

from bench.analytics_retention_data import DATA_VAR, WORK, process_env
from bench.result import BenchError
from bench.server import REPO

WRITER_INTERVAL = 0.020


@dataclass(frozen=True)
class Sample:
    started: float  # time.monotonic(), shared by the processes of this machine
    ms: float
    ok: bool


def writer_main(out: Path) -> int:
    """Add one increment every 20 ms through the flusher's path until SIGTERM."""
    import django

    django.setup()
    from partnership.analytics.counter_writes import counters_add
    from partnership.core import clock

    stopping = False

    def stop(signum: int, frame: FrameType | None) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, stop)
    samples: list[tuple[float, float, bool]] = []
    ready = out.with_suffix(".ready")
    while not stopping:
        started = time.monotonic()
        ok = True
        try:
            counters_add(increments={("area", clock.today_in_london(), "/"): (1, 1)})
        except Exception:  # a "database is locked" after the 5 s busy timeout
            ok = False
        samples.append((started, (time.monotonic() - started) * 1000, ok))
        if not ready.exists():
            ready.write_text("ready\n")
        time.sleep(WRITER_INTERVAL)
    out.write_text(json.dumps(samples))
    return 0


class Writer:
    """The writer process, started before and stopped after a deletion."""

    def __init__(self, database: Path, name: str) -> None:
        self.out = WORK / f"writer-{name}.json"
        self.out.unlink(missing_ok=True)
        self.out.with_suffix(".ready").unlink(missing_ok=True)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bench.analytics_retention", "writer", str(self.out)],
            cwd=REPO,
            env=process_env(database, DATA_VAR / "no-logs"),
        )
        deadline = time.monotonic() + 60
        while not self.out.with_suffix(".ready").exists():
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.process.kill()
                raise BenchError("the concurrent writer did not start")
            time.sleep(0.05)
        time.sleep(0.3)  # a few undisturbed writes first

    def stop(self) -> list[Sample]:
        time.sleep(0.3)
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            raise BenchError("the concurrent writer did not stop") from None
        if self.process.returncode != 0 or not self.out.exists():
            raise BenchError(f"the concurrent writer failed (exit {self.process.returncode})")
        return [Sample(*sample) for sample in json.loads(self.out.read_text())]


@dataclass(frozen=True)
class Blocking:
    writes: int
    failed: int
    max_ms: float
    p99_ms: float
    median_ms: float

    def describe(self) -> str:
        failed = f", {self.failed} FAILED" if self.failed else ""
        return (
            f"writer max {self.max_ms:.0f} ms, p99 {self.p99_ms:.1f} ms, "
            f"median {self.median_ms:.1f} ms over {self.writes} writes{failed}"
        )


def blocking_during(samples: list[Sample], start: float, end: float) -> Blocking:
    """The writes that began while the deletion ran (or were waiting when it began)."""
    during = [s for s in samples if s.started + s.ms / 1000 >= start and s.started <= end]
    if not during:
        raise BenchError("the concurrent writer made no write during the deletion")
    times = sorted(s.ms for s in during)
    return Blocking(
        writes=len(during),
        failed=sum(1 for s in during if not s.ok),
        max_ms=times[-1],
        p99_ms=times[min(len(times) - 1, int(len(times) * 0.99))],
        median_ms=statistics.median(times),
    )
