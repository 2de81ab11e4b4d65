"""``audit_append``: audit appends per second with 4 concurrent writers, SQLite and PostgreSQL.

Each writer is its own process with its own database connection, appending through
``audit_record`` (one transaction per event, as a request would). The single-writer
rate on the same database is printed beside it as the reference. Afterwards
``audit_verify`` must find the chain unbroken (DESIGN.md §6: every tampering
detected; concurrency must never fork the chain): that is the target, 1.0 = intact.

SQLite: a fresh file database under ``var/bench/audit/``. PostgreSQL: a scratch
database on 127.0.0.1:5432 (user postgres; ``BENCH_PG_URL`` overrides the server),
created and dropped by the benchmark. The developer's database is never used.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass

from bench.result import BenchError, Result, Target
from bench.server import BENCH_VAR, REPO

WRITERS = 4
EVENTS_PER_WRITER = int(os.environ.get("BENCH_AUDIT_EVENTS", "300"))
AUDIT_VAR = BENCH_VAR / "audit"
PG_SERVER = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432")
PG_DATABASE = "partnership_bench_audit"

# One writer: set up Django, wait for the start time, append, print its timings.
WRITER = """
import json, sys, time
import django
django.setup()
from django.db import connection
from partnership.audit.events import AuditEventType
from partnership.audit.services import Actor, audit_record
count, start_at = int(sys.argv[1]), float(sys.argv[2])
connection.ensure_connection()
while time.time() < start_at:
    time.sleep(0.001)
began = time.time()
for i in range(count):
    audit_record(event=AuditEventType.PRIVACY_RETENTION_RUN, actor=Actor.system(),
                 subject_type="bench", subject_id=str(i), data={"i": i})
print(json.dumps({"began": began, "ended": time.time()}))
"""


@dataclass(frozen=True)
class Figures:
    database: str
    single: float
    concurrent: float
    intact: bool
    events: int
    problems: list[str]


def _env(database_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url,
        HTTPS="off",
        VAR_DIR=str(AUDIT_VAR / "var"),
        DJANGO_SETTINGS_MODULE="partnership.settings",
    )
    env.pop("AUDIT_CHECKPOINT_DIR", None)
    return env


def _manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def _appends_per_second(env: dict[str, str], writers: int, each: int) -> float:
    start_at = time.time() + 3.0  # after every writer has imported Django
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(each), str(start_at)],
            cwd=REPO,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(writers)
    ]
    timings = []
    for process in processes:
        out, err = process.communicate(timeout=600)
        if process.returncode != 0:
            raise BenchError(f"an audit writer failed:\n{err.strip()[-2000:]}")
        timings.append(json.loads(out.strip().splitlines()[-1]))
    elapsed = float(max(t["ended"] for t in timings) - min(t["began"] for t in timings))
    return writers * each / elapsed


def _measure(database: str, database_url: str) -> Figures:
    env = _env(database_url)
    migrated = _manage(env, "migrate", "--noinput", "-v0")
    if migrated.returncode != 0:
        raise BenchError(f"migrate on {database} failed:\n{migrated.stderr.strip()[-2000:]}")
    single = _appends_per_second(env, 1, EVENTS_PER_WRITER)
    concurrent = _appends_per_second(env, WRITERS, EVENTS_PER_WRITER)
    verified = _manage(env, "audit_verify", "--json")
    try:
        report = json.loads(verified.stdout)
    except json.JSONDecodeError as exc:
        raise BenchError(f"audit_verify on {database} gave no report: {verified.stderr}") from exc
    expected = EVENTS_PER_WRITER * (1 + WRITERS)
    intact = (
        verified.returncode == 0
        and report["passed"]
        and report["count"] == report["head"]["sequence"] == expected
    )
    print(
        f"  {database}: 1 writer {single:.0f} appends/s, {WRITERS} writers {concurrent:.0f} "
        f"appends/s; chain of {report['count']} events "
        f"{'intact' if intact else 'BROKEN'}",
        flush=True,
    )
    return Figures(
        database,
        single,
        concurrent,
        intact,
        report["count"],
        [problem["message"] for problem in report["problems"]],
    )


def _sqlite() -> Figures:
    shutil.rmtree(AUDIT_VAR / "var", ignore_errors=True)
    (AUDIT_VAR / "var").mkdir(parents=True)
    return _measure("SQLite", f"sqlite:///{AUDIT_VAR / 'var' / 'audit.sqlite3'}")


def _psql(*sql: str) -> None:
    for statement in sql:
        completed = subprocess.run(
            ["psql", f"{PG_SERVER}/postgres", "-qc", statement],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        if completed.returncode != 0:
            raise BenchError(
                f"PostgreSQL at {PG_SERVER} refused {statement!r}: {completed.stderr.strip()}"
            )


def _postgresql() -> Figures:
    _psql(f"DROP DATABASE IF EXISTS {PG_DATABASE}", f"CREATE DATABASE {PG_DATABASE}")
    try:
        return _measure("PostgreSQL", f"{PG_SERVER}/{PG_DATABASE}")
    finally:
        _psql(f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")


def _target(figures: Figures) -> Target:
    return Target(
        label="chain intact",
        value=1.0 if figures.intact else 0.0,
        comparison=">=",
        threshold=1.0,
        figure=f"{figures.database} {WRITERS} writers  {figures.concurrent:.0f} appends/s",
        reference=f"1 writer  {figures.single:.0f} appends/s",
    )


def run() -> Result:
    print(
        f"  {WRITERS} writer processes x {EVENTS_PER_WRITER} events, one transaction each; "
        f"reference: 1 writer x {EVENTS_PER_WRITER} on the same database",
        flush=True,
    )
    measured = [_sqlite(), _postgresql()]
    return Result(
        name="audit_append",
        targets=[_target(figures) for figures in measured],
        data={
            "writers": WRITERS,
            "events_per_writer": EVENTS_PER_WRITER,
            **{
                figures.database.lower(): {
                    "single_writer_appends_per_second": round(figures.single, 1),
                    "concurrent_appends_per_second": round(figures.concurrent, 1),
                    "events": figures.events,
                    "chain_intact": figures.intact,
                    "problems": figures.problems[:10],
                }
                for figures in measured
            },
        },
    )


if __name__ == "__main__":
    result = run()
    for target in result.targets:
        print(target.line())
    sys.exit(0 if result.passed else 1)
