"""``analytics_retention``: the statistics' retention rules on large data, on SQLite.

Targets (DESIGN.md §6, issue 6):

* Retention of 1 million expired hourly counter rows (``HourlyAreaCount``, rule
  ``analytics-hourly``: kept 90 days, deleted in batches) ≤ 30 s, printed beside a
  plain ``DELETE`` of the same rows in one statement on a copy of the same database.
* A concurrent writer is never blocked for more than 100 ms while it runs: a separate
  process adds one increment every 20 ms through ``records.counters_add`` (the
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
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import json
import os
import random
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

from bench.result import BenchError, Result, Target
from bench.server import BENCH_VAR, REPO

TARGET_SECONDS = 30.0
TARGET_BLOCK_MS = 100.0
EXPIRED_ROWS = 1_000_000
HOURLY_RETENTION = dt.timedelta(days=90)
WRITER_INTERVAL = 0.020
LOG_DAYS = 10
LOG_LINES = 100_000
ADDRESS_POOL = 200_000

DATA_VAR = BENCH_VAR / "analytics-retention"
BASE = DATA_VAR / "base.sqlite3"
READY = DATA_VAR / "base.json"
WORK = DATA_VAR / "work"
TABLE = "analytics_hourlyareacount"
# The area names of analytics/areas.py and the site total.
AREAS = (
    "*",
    "/",
    "/card/",
    "/help/",
    "/legal/",
    "/privacy/",
    "/complaints/",
    "/offers/",
    "/apply/",
)
USER_AGENTS = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/128.0.0.0 Safari/537.36",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
)
PATHS = ("/", "/card/", "/s/hit", "/offers/", "/help/", "/apply/", "/static/site.css")


# --- Helpers -----------------------------------------------------------------------
def _db_text(moment: dt.datetime) -> str:
    """A datetime as Django's SQLite backend stores it (naive UTC, space-separated)."""
    return moment.astimezone(dt.UTC).replace(tzinfo=None).isoformat(" ")


def _env(database: Path, access_log_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        HTTPS="off",
        DATABASE_URL=f"sqlite:///{database}",
        VAR_DIR=str(DATA_VAR / "var"),
        ACCESS_LOG_DIR=str(access_log_dir),
        DJANGO_SETTINGS_MODULE="partnership.settings",
    )
    env.pop("REDIS_URL", None)
    return env


def _manage(database: Path, access_log_dir: Path, *args: str) -> str:
    completed = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env=_env(database, access_log_dir),
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode != 0:
        raise BenchError(
            f"manage.py {' '.join(args)} failed (exit {completed.returncode}): "
            f"{(completed.stderr or completed.stdout).strip()[-2000:]}"
        )
    return completed.stdout


def _connect(database: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(database, isolation_level=None, timeout=30)
    connection.execute("PRAGMA journal_mode=WAL")
    return connection


def _count(database: Path, where: str, *params: str) -> int:
    connection = _connect(database)
    try:
        row = connection.execute(f"SELECT COUNT(*) FROM {TABLE} WHERE {where}", params).fetchone()  # noqa: S608
    finally:
        connection.close()
    return int(row[0])


# --- The database, generated once ---------------------------------------------------
def _base_ready() -> dict[str, str | int]:
    if READY.exists() and BASE.exists():
        info: dict[str, str | int] = json.loads(READY.read_text())
        return info
    shutil.rmtree(DATA_VAR, ignore_errors=True)
    (DATA_VAR / "var").mkdir(parents=True)
    print(f"  generating {EXPIRED_ROWS:,} expired hourly rows (once) into {BASE}", flush=True)
    started = time.monotonic()
    _manage(BASE, DATA_VAR / "no-logs", "migrate", "--no-input", "-v", "0")
    newest = (dt.datetime.now(dt.UTC) - HOURLY_RETENTION - dt.timedelta(days=1)).replace(
        minute=0, second=0, microsecond=0
    )
    rng = random.Random(6)
    hours = -(-EXPIRED_ROWS // len(AREAS))
    connection = _connect(BASE)
    try:
        connection.execute("PRAGMA synchronous=OFF")
        rows: list[tuple[str, str, int, int]] = []
        inserted = 0
        for back in range(hours, 0, -1):
            hour = _db_text(newest - dt.timedelta(hours=back - 1))
            for area in AREAS:
                if inserted + len(rows) >= EXPIRED_ROWS:
                    break
                views = rng.randint(1, 400)
                rows.append((hour, area, views, rng.randint(0, views)))
            if len(rows) >= 100_000 or back == 1:
                connection.execute("BEGIN")
                connection.executemany(
                    f"INSERT INTO {TABLE} (hour, area, views, visitors) VALUES (?, ?, ?, ?)",  # noqa: S608
                    rows,
                )
                connection.execute("COMMIT")
                inserted += len(rows)
                rows = []
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()
    info = {"expired_rows": inserted, "newest_expired_hour": _db_text(newest)}
    READY.write_text(json.dumps(info, indent=2) + "\n")
    print(f"  generated in {time.monotonic() - started:.0f} s", flush=True)
    return info


def _working_copy(name: str) -> tuple[Path, int]:
    """A copy of the base database with recent (unexpired) rows added; their count."""
    WORK.mkdir(parents=True, exist_ok=True)
    target = WORK / f"{name}.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(BASE, target)
    now = dt.datetime.now(dt.UTC).replace(minute=0, second=0, microsecond=0)
    recent = [
        (_db_text(now - dt.timedelta(hours=back)), area, 10, 1)
        for back in range(0, 89 * 24, 7)
        for area in AREAS
    ]
    connection = _connect(target)
    try:
        connection.execute("BEGIN")
        connection.executemany(
            f"INSERT INTO {TABLE} (hour, area, views, visitors) VALUES (?, ?, ?, ?)",  # noqa: S608
            recent,
        )
        connection.execute("COMMIT")
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()
    return target, len(recent)


# --- The concurrent writer -----------------------------------------------------------
@dataclass(frozen=True)
class Sample:
    started: float  # time.monotonic(), shared by the processes of this machine
    ms: float
    ok: bool


def writer_main(out: Path) -> int:
    """Add one increment every 20 ms through the flusher's path until SIGTERM."""
    import django

    django.setup()
    from partnership.analytics.records import counters_add
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
            env=_env(database, DATA_VAR / "no-logs"),
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


def _blocking(samples: list[Sample], start: float, end: float) -> Blocking:
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
    connection = _connect(database)
    try:
        start = time.monotonic()
        connection.execute("BEGIN IMMEDIATE")
        deleted = connection.execute(f"DELETE FROM {TABLE} WHERE hour < ?", (cutoff,)).rowcount  # noqa: S608
        connection.execute("COMMIT")
        end = time.monotonic()
    finally:
        connection.close()
    samples = writer.stop()
    return Deletion(end - start, deleted, 1, _blocking(samples, start, end))


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
        env=_env(database, access_log_dir),
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
    with retention.registry_isolated():
        retention._REGISTRY.clear()  # only this rule, through the public run
        retention.register(rule)
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
        blocking=_blocking(samples, start, end),
        wall_seconds=wall,
    )


# --- (b) access-log files ------------------------------------------------------------
def _public_addresses(rng: random.Random, count: int) -> list[str]:
    found: list[str] = []
    while len(found) < count:
        address = ipaddress.IPv4Address(rng.getrandbits(32))
        if address.is_global:
            found.append(str(address))
    return found


def _write_logs(directory: Path, today: dt.date) -> dict[str, int]:
    """LOG_DAYS daily files of LOG_LINES lines, today's and the days before; lines per file."""
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    rng = random.Random(7)
    addresses = _public_addresses(rng, ADDRESS_POOL)
    written: dict[str, int] = {}
    for back in range(LOG_DAYS):
        day = today - dt.timedelta(days=back)
        midnight = dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC)
        lines = []
        for number in range(LOG_LINES):
            at = midnight + dt.timedelta(milliseconds=number * 86_400_000 // LOG_LINES)
            stamp = at.strftime("%Y-%m-%dT%H:%M:%S.") + f"{at.microsecond // 1000:03d}Z"
            lines.append(
                f"{stamp}\tGET\t{rng.choice(PATHS)}\t200\t{rng.uniform(0.5, 40):.1f}\t"
                f"{rng.choice(addresses)}\t{rng.choice(USER_AGENTS)}\n"
            )
        name = f"access-{day.isoformat()}.log"
        (directory / name).write_text("".join(lines))
        written[name] = LOG_LINES
    return written


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
    connection = _connect(database)
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
    info = _base_ready()
    engine_db, recent = _working_copy("engine")
    plain_db, _ = _working_copy("plain")
    cutoff = _db_text(dt.datetime.now(dt.UTC) - HOURLY_RETENTION)
    expired = _count(engine_db, "hour < ?", cutoff)
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
        left = _count(database, "hour < ?", cutoff)
        kept = _count(database, "hour >= ?", cutoff)
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
    _write_logs(logs, today)
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
