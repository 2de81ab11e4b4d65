"""``storage``: the site on PostgreSQL + Redis beside the embedded default (issue 17, item 5).

Two sites run at once, each as ``make run`` serves it (``bin/serve``, granian, the same
workers): one on SQLite under ``var/bench/storage-sqlite/`` and no Redis, one on
PostgreSQL (database ``partnership_bench_storage`` on ``BENCH_POSTGRES``, default
``postgres://postgres@127.0.0.1:5432``, created on first use) with Redis
(``BENCH_STORAGE_REDIS_URL``, default ``redis://127.0.0.1:6379/13``) for cache,
sessions, rate limits and the counter buffer. Round by round, interleaved: the home
page with wrk as ``bench.home`` measures it, then pages alone and pages each followed
by their beacon as ``bench.analytics_counting`` measures them.

Target: the counting target of DESIGN.md §6 (page + beacon ≥ 0.75x pages alone) on
PostgreSQL + Redis too. The home page on each storage is printed beside the other;
the many-machines configuration is for scale, not for one machine's speed, so its
ratio to SQLite is reported, not judged.
"""

from __future__ import annotations

import os
import statistics
import sys
from contextlib import ExitStack

import psycopg

from bench import analytics_counting, http, server
from bench.result import BenchError, Result, Target

DATABASE = "partnership_bench_storage"
SIDES = ("sqlite", "postgres")


def _postgres_storage() -> dict[str, str]:
    base = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432").rstrip("/")
    try:
        with psycopg.connect(f"{base}/postgres", autocommit=True, connect_timeout=5) as db:
            exists = db.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE])
            if exists.fetchone() is None:
                db.execute(f'CREATE DATABASE "{DATABASE}"')
    except psycopg.Error as exc:
        raise BenchError(f"PostgreSQL at {base} did not answer: {exc}") from exc
    redis_url = os.environ.get("BENCH_STORAGE_REDIS_URL", "redis://127.0.0.1:6379/13")
    return {"DATABASE_URL": f"{base}/{DATABASE}", "REDIS_URL": redis_url}


def _round(urls: dict[str, str], duration: int, warmup: int) -> dict[str, dict[str, float]]:
    figures: dict[str, dict[str, float]] = {}
    for side, url in urls.items():
        home = http.measure(url, duration, warmup)
        off = analytics_counting.counting_run("off", url, duration)
        on = analytics_counting.counting_run("on", url, duration)
        figures[side] = {
            "home": home.requests_per_second,
            "home_p99_ms": home.p99_ms,
            "off": off.pages_per_second,
            "on": on.pages_per_second,
        }
        print(
            f"    {side:<8}  home {home.requests_per_second:6.0f} req/s  "
            f"pages alone {off.pages_per_second:6.0f}/s  "
            f"page + beacon {on.pages_per_second:6.0f}/s",
            flush=True,
        )
    return figures


def _median(rounds: list[dict[str, dict[str, float]]], side: str, key: str) -> float:
    return statistics.median(r[side][key] for r in rounds)


def run() -> Result:
    duration, warmup, n_rounds = http.seconds(), http.warmup_seconds(), http.rounds()
    with ExitStack() as stack:
        sites = {
            "sqlite": stack.enter_context(
                server.site(var_dir=server.BENCH_VAR / "storage-sqlite", storage={})
            ),
            "postgres": stack.enter_context(
                server.site(
                    var_dir=server.BENCH_VAR / "storage-postgres", storage=_postgres_storage()
                )
            ),
        }
        for side, site in sites.items():
            print(f"  {side:<8}  {site.settings.describe()}; storage: {site.storage}")
            http.check_ok(site.url("/"))
        print(f"  {n_rounds} interleaved rounds of {duration}s (+{warmup}s warm-up) per figure")
        rounds = []
        for number in range(1, n_rounds + 1):
            print(f"  round {number}/{n_rounds}")
            rounds.append(_round({s: site.url("/") for s, site in sites.items()}, duration, warmup))
        sys.stdout.flush()
    medians = {s: {k: _median(rounds, s, k) for k in rounds[0][s]} for s in SIDES}
    for key, label in (("home", "home req/s"), ("off", "pages alone/s"), ("on", "page+beacon/s")):
        sqlite, postgres = medians["sqlite"][key], medians["postgres"][key]
        print(
            f"  {label:<14} SQLite {sqlite:6.0f}  PostgreSQL+Redis {postgres:6.0f}"
            f"  ({postgres / sqlite:.2f}x)"
        )
    targets = [
        Target(
            label="ratio",
            value=medians[side]["on"] / medians[side]["off"],
            comparison=">=",
            threshold=analytics_counting.TARGET_RATIO,
            figure=f"{side} page + beacon  {medians[side]['on']:.0f} pages/s",
            reference=f"{side} pages alone  {medians[side]['off']:.0f} pages/s",
        )
        for side in SIDES
    ]
    return Result(
        name="storage",
        targets=targets,
        data={
            "medians": medians,
            "rounds": rounds,
            "storage": {s: sites[s].storage for s in SIDES},
        },
    )
