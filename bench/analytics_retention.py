"""``analytics_retention``: the statistics' retention rules on large data, on SQLite.

Targets (DESIGN.md §6, issue 6):

* Retention of 1 million expired hourly counter rows (``HourlyAreaCount``, rule
  ``analytics-hourly``: kept 90 days, deleted in batches) ≤ 30 s, printed beside a
  plain ``DELETE`` of the same rows in one statement on a copy of the same database.
* A concurrent writer is never blocked for more than 100 ms while it runs: a separate
  process adds one increment every 20 ms through ``counter_writes.counters_add`` (the
  flusher's own path, one ``BEGIN IMMEDIATE`` transaction each) and times each
  transaction; its worst wait is printed beside its worst wait during the plain
  ``DELETE``.
* 7 days of access-log files with their country roll-up (rule ``access-log``): ten
  daily files of 100,000 lines each (the format of ``analytics/access_log.py``, random
  public IPv4 addresses) for the last ten Europe/London days; the run must roll the
  expired files up into ``AccessLogCountryCount`` (as many requests as they had lines)
  and leave exactly ``ACCESS_LOG_RETENTION_DAYS`` files. Its time is judged against
  the same 30 s bound, printed beside merely reading those files line by line.

Each rule runs through the retention engine (``privacy.retention.retention_run``: its
batches, one transaction each, and its audit event) in a subprocess with only that
rule registered (``python -m bench.analytics_retention rule NAME``; ``HTTPS=off``, its
own ``VAR_DIR``, ``DATABASE_URL`` and ``ACCESS_LOG_DIR``), so other apps' rules can
neither fail nor slow the measured one; its time is the engine's own, measured in
that process (the process's start-up is printed apart). The database (migrated with
``manage.py migrate``, then 1,000,000 rows older than 91 days inserted with raw
``executemany``) is generated once into ``var/bench/analytics-retention/base.sqlite3``
and copied for each side; a few thousand recent rows are added to each copy and must
survive. Delete that directory to regenerate.

``python -m bench.analytics_retention writer OUT`` is the concurrent writer (it stops
on SIGTERM and writes its samples to OUT).

The data are made by ``bench/analytics_retention_data.py``; the concurrent writer is
``bench/analytics_retention_writer.py``. This module runs the rules and reports.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from bench.analytics_retention_data import (
    BASE,
    DATA_VAR,
    HOURLY_RETENTION,
    LOG_DAYS,
    LOG_LINES,
    TABLE,
    WORK,
    base_ready,
    connect,
    count_rows,
    db_text,
    process_env,
    working_copy,
    write_logs,
)
from bench.analytics_retention_writer import (
    WRITER_INTERVAL,
    Blocking,
    Writer,
    blocking_during,
    writer_main,
)
from bench.result import BenchError, Result, Target
from bench.server import REPO

TARGET_SECONDS = 30.0
TARGET_BLOCK_MS = 100.0


# --- (a) hourly counters -------------------------------------------------------------
@dataclass(frozen=True)
class Deletion:
    seconds: float
    deleted: int
    batches: int
    blocking: Blocking
    wall_seconds: float = 0.0


def _plain_delete(database: Path, cutoff: str) -> Deletion:
    writer = Writer(database, "plain")
    connection = connect(database)
    try:
        start = time.monotonic()
        connection.execute("BEGIN IMMEDIATE")
        deleted = connection.execute(f"DELETE FROM {TABLE} WHERE hour < ?", (cutoff,)).rowcount  # noqa: S608
        connection.execute("COMMIT")
        end = time.monotonic()
    finally:
        connection.close()
    samples = writer.stop()
    return Deletion(end - start, deleted, 1, blocking_during(samples, start, end))


def _rule(report: dict[str, object], name: str) -> dict[str, object]:
    rules = report["rules"]
    assert isinstance(rules, list)
    for outcome in rules:
        if outcome["rule"] == name:
            if outcome["error"]:
                raise BenchError(f"retention rule {name} failed: {outcome['error']}")
            found: dict[str, object] = outcome
            return found
    raise BenchError(f"retention_run did not apply the rule {name}")


def _retention_run(
    database: Path, access_log_dir: Path, rule: str
) -> tuple[dict[str, object], float]:
    """Apply one rule through the engine in a subprocess; its report and process time."""
    started = time.monotonic()
    completed = subprocess.run(
        [sys.executable, "-m", "bench.analytics_retention", "rule", rule],
        cwd=REPO,
        env=process_env(database, access_log_dir),
        capture_output=True,
        text=True,
        check=False,
    )
    wall = time.monotonic() - started
    if completed.returncode != 0:
        raise BenchError(
            f"retention rule {rule} failed (exit {completed.returncode}): "
            f"{(completed.stderr or completed.stdout).strip()[-2000:]}"
        )
    report: dict[str, object] = json.loads(completed.stdout.strip().splitlines()[-1])
    if not report.get("passed"):
        raise BenchError(f"retention rule {rule} reported a failure: {completed.stdout[-2000:]}")
    return report, wall


def rule_main(name: str) -> int:
    """``retention_run`` (the engine, its batches and its audit event) for one rule only,
    so rules of other apps cannot fail or slow the measured one; prints its report."""
    import django

    django.setup()
    from partnership.privacy import retention

    rule = retention.rule_named(name)
    if rule is None:
        print(f"no retention rule {name!r}", file=sys.stderr)
        return 2
    with retention.registry_isolated(keep={name}):  # only this rule, through the public run
        started = time.monotonic()
        report = retention.retention_run(dry_run=False)
        seconds = time.monotonic() - started
    print(json.dumps({**report.as_dict(), "seconds": seconds}))
    return 0 if report.passed else 1


def _engine_delete(database: Path) -> Deletion:
    writer = Writer(database, "engine")
    start = time.monotonic()
    report, wall = _retention_run(database, DATA_VAR / "no-logs", "analytics-hourly")
    end = time.monotonic()
    samples = writer.stop()
    outcome = _rule(report, "analytics-hourly")
    return Deletion(
        seconds=float(str(report["seconds"])),
        deleted=int(str(outcome["deleted"])),
        batches=int(str(outcome["batches"])),
        blocking=blocking_during(samples, start, end),
        wall_seconds=wall,
    )


# --- (b) access-log files ------------------------------------------------------------
def _read_lines(paths: list[Path]) -> tuple[float, int]:
    start = time.perf_counter()
    total = 0
    for path in paths:
        with path.open("r", encoding="utf-8", errors="replace") as lines:
            for text in lines:
                if len(text.split("\t")) >= 7:
                    total += 1
    return time.perf_counter() - start, total


def _rolled_up(database: Path) -> dict[str, int]:
    connection = connect(database)
    try:
        rows = connection.execute(
            "SELECT day, SUM(requests), COUNT(*) FROM analytics_accesslogcountrycount GROUP BY day"
        ).fetchall()
    finally:
        connection.close()
    return {str(day): int(requests) for day, requests, _ in rows} | {
        "countries": max((int(countries) for _, _, countries in rows), default=0)
    }


# --- The benchmark -------------------------------------------------------------------
def run() -> Result:
    info = base_ready()
    engine_db, recent = working_copy("engine")
    plain_db, _ = working_copy("plain")
    cutoff = db_text(dt.datetime.now(dt.UTC) - HOURLY_RETENTION)
    expired = count_rows(engine_db, "hour < ?", cutoff)
    print(
        f"  SQLite ({BASE.name} copied twice): {expired:,} expired hourly rows, "
        f"{recent:,} recent; writer: counters_add every {WRITER_INTERVAL * 1000:.0f} ms",
        flush=True,
    )
    if expired != info["expired_rows"]:
        raise BenchError(f"{expired} expired rows in the copy, {info['expired_rows']} generated")

    plain = _plain_delete(plain_db, cutoff)
    print(
        f"  plain DELETE, one statement: {plain.deleted:,} rows in {plain.seconds:.2f} s; "
        f"{plain.blocking.describe()}",
        flush=True,
    )
    engine = _engine_delete(engine_db)
    print(
        f"  engine, rule analytics-hourly: {engine.deleted:,} rows in {engine.batches} batches in "
        f"{engine.seconds:.2f} s (process {engine.wall_seconds:.2f} s with start-up); "
        f"{engine.blocking.describe()}",
        flush=True,
    )
    for name, database, deletion in (("plain", plain_db, plain), ("engine", engine_db, engine)):
        left = count_rows(database, "hour < ?", cutoff)
        kept = count_rows(database, "hour >= ?", cutoff)
        if left or kept != recent or deletion.deleted != expired:
            raise BenchError(
                f"{name}: deleted {deletion.deleted} of {expired} expired rows, {left} left, "
                f"{kept} of {recent} recent rows kept"
            )
    if engine.blocking.failed:
        raise BenchError(f"the writer failed {engine.blocking.failed} times during retention")

    # (b) Ten days of access-log files, on the database the engine just cleaned.
    logs = WORK / "access"
    from zoneinfo import ZoneInfo

    today = dt.datetime.now(ZoneInfo("Europe/London")).date()
    keep_days = int(os.environ.get("ACCESS_LOG_RETENTION_DAYS", "7") or 7)
    started = time.monotonic()
    write_logs(logs, today)
    generated_in = time.monotonic() - started
    expiring = sorted(logs.glob("access-*.log"))[: LOG_DAYS - keep_days]
    read_seconds, expiring_lines = _read_lines(expiring)
    report, wall = _retention_run(engine_db, logs, "access-log")
    outcome = _rule(report, "access-log")
    files_seconds = float(str(report["seconds"]))
    remaining = sorted(path.name for path in logs.glob("access-*.log"))
    rolled = _rolled_up(engine_db)
    countries = rolled.pop("countries")
    rolled_requests = sum(rolled.values())
    print(
        f"  access log: {LOG_DAYS} files x {LOG_LINES:,} lines (generated in "
        f"{generated_in:.1f} s); rule access-log deleted {outcome['deleted']} in "
        f"{files_seconds:.2f} s (process {wall:.2f} s), rolled up {rolled_requests:,} "
        f"requests over {len(rolled)} days, up to {countries} countries a day; "
        f"{len(remaining)} files remain; reading the expiring files alone "
        f"{read_seconds:.2f} s",
        flush=True,
    )
    expected_remaining = [
        f"access-{(today - dt.timedelta(days=back)).isoformat()}.log"
        for back in range(keep_days - 1, -1, -1)
    ]
    if remaining != expected_remaining:
        raise BenchError(f"{len(remaining)} files remain, not the last {keep_days}: {remaining}")
    if rolled_requests != expiring_lines or len(rolled) != len(expiring):
        raise BenchError(
            f"rolled up {rolled_requests} requests over {len(rolled)} days; the expired "
            f"files had {expiring_lines} lines over {len(expiring)} days"
        )

    targets = [
        Target(
            label="seconds",
            value=engine.seconds,
            comparison="<=",
            threshold=TARGET_SECONDS,
            figure=f"retention 1M expired hourly rows ({engine.batches} batches)  "
            f"{engine.seconds:.1f} s",
            reference=f"plain DELETE in one statement  {plain.seconds:.1f} s",
            precision=1,
        ),
        Target(
            label="ms",
            value=engine.blocking.max_ms,
            comparison="<=",
            threshold=TARGET_BLOCK_MS,
            figure=f"writer's longest wait during retention  {engine.blocking.max_ms:.0f} ms",
            reference=f"during the plain DELETE  {plain.blocking.max_ms:.0f} ms",
            precision=0,
        ),
        Target(
            label="seconds",
            value=files_seconds,
            comparison="<=",
            threshold=TARGET_SECONDS,
            figure=f"access log {LOG_DAYS} days, {len(expiring)} rolled up "
            f"({rolled_requests:,} requests)  {files_seconds:.1f} s",
            reference=f"reading those files  {read_seconds:.1f} s",
            precision=1,
        ),
    ]
    return Result(
        name="analytics_retention",
        targets=targets,
        data={
            "database": "sqlite",
            "expired_rows": expired,
            "recent_rows_kept": recent,
            "cutoff": cutoff,
            "engine": {
                "seconds": engine.seconds,
                "process_seconds": engine.wall_seconds,
                "batches": engine.batches,
                "writer": engine.blocking.__dict__,
            },
            "plain_delete": {"seconds": plain.seconds, "writer": plain.blocking.__dict__},
            "access_log": {
                "files": LOG_DAYS,
                "lines_per_file": LOG_LINES,
                "retention_days": keep_days,
                "seconds": files_seconds,
                "process_seconds": wall,
                "deleted": outcome["deleted"],
                "rolled_up_requests": rolled_requests,
                "rolled_up_per_day": rolled,
                "max_countries_per_day": countries,
                "remaining": remaining,
                "read_seconds": read_seconds,
            },
        },
    )


def main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[0] == "writer":
        return writer_main(Path(argv[1]))
    if len(argv) == 2 and argv[0] == "rule":
        return rule_main(argv[1])
    print("usage: python -m bench.analytics_retention writer OUT | rule NAME", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
