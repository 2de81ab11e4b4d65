"""``analytics_reports``: statistics reports over 10 million page views, counters vs raw rows.

Target (DESIGN.md §6, issue 6): the report of the staff page (30 days, 12 months and
25 months) computed from the daily counter tables in ≤ 100 ms on SQLite and on
PostgreSQL, printed beside the same report computed from one row per page view
(``bench_raw_view``, indexed by day) on the same data, as a ratio. Counter timings
are the median of 9 runs after one warm-up; the raw reference's of 3 runs (30 days)
or of one (12 and 25 months: each takes seconds). The run also checks that both
give exactly the same figures.

The data (``bench/analytics_dataset.py``) is generated once into
``var/bench/analytics/reports.sqlite3`` and copied into the PostgreSQL database
``partnership_bench_analytics`` on 127.0.0.1:5432 (user ``postgres``), created if
absent and reused while its row counts match the SQLite file's. Delete
``var/bench/analytics/`` (and drop that database) to regenerate.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time

from bench.result import BenchError, Result, Target
from bench.server import BENCH_VAR, REPO

TARGET_MS = 100.0
DATA_VAR = BENCH_VAR / "analytics"
SQLITE = DATA_VAR / "reports.sqlite3"
READY = DATA_VAR / "ready.json"
PG_NAME = "partnership_bench_analytics"
PG_URL = f"postgres://postgres@127.0.0.1:5432/{PG_NAME}"
RANGES = ("30d", "12m", "25m")


def _python(database_url: str, *args: str, extra: dict[str, str] | None = None) -> str:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url,
        HTTPS="off",
        VAR_DIR=str(DATA_VAR / "var"),
        DJANGO_SETTINGS_MODULE="partnership.settings",
        **(extra or {}),
    )
    env.pop("REDIS_URL", None)
    done = subprocess.run(
        [sys.executable, *args], cwd=REPO, env=env, stdout=subprocess.PIPE, text=True, check=False
    )
    if done.returncode != 0:
        raise BenchError(f"{' '.join(args[:3])} failed (exit {done.returncode}); see above")
    return done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""


def _sqlite_ready() -> dict[str, int]:
    if READY.exists():
        counts: dict[str, int] = json.loads(READY.read_text())
        return counts
    shutil.rmtree(DATA_VAR, ignore_errors=True)
    (DATA_VAR / "var").mkdir(parents=True)
    url = f"sqlite:///{SQLITE}"
    print(f"  generating 10 million page views over 25 months (once) into {SQLITE}", flush=True)
    started = time.monotonic()
    _python(url, "manage.py", "migrate", "--no-input", "-v", "0")
    counts = json.loads(_python(url, "-m", "bench.analytics_dataset", "generate"))
    READY.write_text(json.dumps(counts, indent=2) + "\n")
    print(f"  generated in {time.monotonic() - started:.0f} s: {counts}", flush=True)
    return counts


def _postgres_ready(expected: dict[str, int]) -> None:
    try:
        import psycopg
    except ImportError as exc:  # pragma: no cover - psycopg is a pinned dependency
        raise BenchError("psycopg is not installed") from exc
    try:
        with psycopg.connect(
            "postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True, connect_timeout=5
        ) as admin:
            exists = admin.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [PG_NAME]
            ).fetchone()
            if not exists:
                admin.execute(f"CREATE DATABASE {PG_NAME}")
    except psycopg.OperationalError as exc:
        raise BenchError(f"PostgreSQL on 127.0.0.1:5432 does not answer: {exc}") from exc
    _python(PG_URL, "manage.py", "migrate", "--no-input", "-v", "0")
    try:
        found = json.loads(_python(PG_URL, "-m", "bench.analytics_dataset", "counts"))
    except BenchError:
        found = {}
    if found == expected:
        return
    print(f"  copying the data into PostgreSQL database {PG_NAME} (once)", flush=True)
    started = time.monotonic()
    copied = json.loads(
        _python(
            PG_URL,
            "-m",
            "bench.analytics_dataset",
            "copy",
            extra={"BENCH_SQLITE_SOURCE": str(SQLITE)},
        )
    )
    if copied != expected:
        raise BenchError(f"PostgreSQL holds {copied} rows, SQLite {expected}")
    print(f"  copied in {time.monotonic() - started:.0f} s", flush=True)


def _targets(engine: str, figures: dict[str, dict[str, object]]) -> list[Target]:
    targets = []
    for name in RANGES:
        found = figures[name]
        counters_ms = float(str(found["counters_ms"]))
        raw_ms = float(str(found["raw_ms"]))
        if found["same_figures"] is not True:
            raise BenchError(f"{engine} {name}: counters and raw rows give different reports")
        targets.append(
            Target(
                label="counters ms",
                value=counters_ms,
                comparison="<=",
                threshold=TARGET_MS,
                figure=f"report {name:<3} {engine:<10} counters {counters_ms:6.1f} ms",
                reference=f"raw {raw_ms:8.0f} ms  ratio {counters_ms / raw_ms:.4f}",
                precision=1,
            )
        )
    return targets


def run() -> Result:
    counts = _sqlite_ready()
    sqlite_figures = json.loads(
        _python(f"sqlite:///{SQLITE}", "-m", "bench.analytics_dataset", "measure")
    )
    _postgres_ready(counts)
    pg_figures = json.loads(_python(PG_URL, "-m", "bench.analytics_dataset", "measure"))
    print(
        f"  {counts['bench_raw_view']:,} page views; counter rows "
        + ", ".join(
            f"{table.removeprefix('analytics_daily')} {n:,}"
            for table, n in counts.items()
            if table != "bench_raw_view"
        ),
        flush=True,
    )
    return Result(
        name="analytics_reports",
        targets=_targets("SQLite", sqlite_figures) + _targets("PostgreSQL", pg_figures),
        data={"rows": counts, "sqlite": sqlite_figures, "postgresql": pg_figures},
    )


if __name__ == "__main__":
    outcome = run()
    for line in outcome.targets:
        print(line.line())
