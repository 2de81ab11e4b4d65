"""The data of the ``analytics_retention`` benchmark (``bench/analytics_retention.py``).

* The base SQLite database: migrated with ``manage.py migrate``, then ``EXPIRED_ROWS`` hourly
  counter rows older than the 90-day retention inserted with raw ``executemany``; generated
  once into ``var/bench/analytics-retention/base.sqlite3`` (delete that directory to
  regenerate), described by ``base.json``.
* Working copies of it, one per side of the comparison, each with a few thousand recent rows
  that must survive.
* ``LOG_DAYS`` daily access-log files of ``LOG_LINES`` lines (the format of
  ``analytics/access_log.py``, random public IPv4 addresses).
* The environment of the benchmark's subprocesses (``HTTPS=off``, their own ``VAR_DIR``,
  ``DATABASE_URL`` and ``ACCESS_LOG_DIR``).
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from bench.result import BenchError
from bench.server import BENCH_VAR, REPO

EXPIRED_ROWS = 1_000_000
HOURLY_RETENTION = dt.timedelta(days=90)
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
def db_text(moment: dt.datetime) -> str:
    """A datetime as Django's SQLite backend stores it (naive UTC, space-separated)."""
    return moment.astimezone(dt.UTC).replace(tzinfo=None).isoformat(" ")


def process_env(database: Path, access_log_dir: Path) -> dict[str, str]:
    """The environment of a subprocess on this database and access-log directory."""
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
        env=process_env(database, access_log_dir),
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


def connect(database: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(database, isolation_level=None, timeout=30)
    connection.execute("PRAGMA journal_mode=WAL")
    return connection


def count_rows(database: Path, where: str, *params: str) -> int:
    connection = connect(database)
    try:
        row = connection.execute(f"SELECT COUNT(*) FROM {TABLE} WHERE {where}", params).fetchone()  # noqa: S608
    finally:
        connection.close()
    return int(row[0])


# --- The database, generated once ---------------------------------------------------
def base_ready() -> dict[str, str | int]:
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
    connection = connect(BASE)
    try:
        connection.execute("PRAGMA synchronous=OFF")
        rows: list[tuple[str, str, int, int]] = []
        inserted = 0
        for back in range(hours, 0, -1):
            hour = db_text(newest - dt.timedelta(hours=back - 1))
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
    info = {"expired_rows": inserted, "newest_expired_hour": db_text(newest)}
    READY.write_text(json.dumps(info, indent=2) + "\n")
    print(f"  generated in {time.monotonic() - started:.0f} s", flush=True)
    return info


def working_copy(name: str) -> tuple[Path, int]:
    """A copy of the base database with recent (unexpired) rows added; their count."""
    WORK.mkdir(parents=True, exist_ok=True)
    target = WORK / f"{name}.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(BASE, target)
    now = dt.datetime.now(dt.UTC).replace(minute=0, second=0, microsecond=0)
    recent = [
        (db_text(now - dt.timedelta(hours=back)), area, 10, 1)
        for back in range(0, 89 * 24, 7)
        for area in AREAS
    ]
    connection = connect(target)
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


# --- Access-log files ---------------------------------------------------------------
def _public_addresses(rng: random.Random, count: int) -> list[str]:
    found: list[str] = []
    while len(found) < count:
        address = ipaddress.IPv4Address(rng.getrandbits(32))
        if address.is_global:
            found.append(str(address))
    return found


def write_logs(directory: Path, today: dt.date) -> dict[str, int]:
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
