"""``make bench [ONLY=name]``: run the benchmarks of DESIGN.md §6 and judge each figure.

Adding a benchmark: write ``bench/<name>.py`` with ``run() -> Result``, import it
below and add it to ``BENCHMARKS``. Exit status: 0 all targets met, 1 a target
missed or a benchmark failed, 2 an unknown benchmark name.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
import traceback
from collections.abc import Callable
from datetime import UTC, datetime

from bench import (
    account_page,
    analytics_counting,
    analytics_reports,
    analytics_retention,
    application_faults,
    application_submit,
    audit_append,
    beacon,
    crypto_field,
    home,
    sign_in,
    sign_in_flood,
    storage,
    subject_export,
    worker_memory,
)
from bench.result import BenchError, Result
from bench.server import BENCH_VAR

BENCHMARKS: dict[str, Callable[[], Result]] = {
    "home": home.run,
    "crypto_field": crypto_field.run,
    "audit_append": audit_append.run,
    "sign_in": sign_in.run,
    "sign_in_flood": sign_in_flood.run,
    "subject_export": subject_export.run,
    "analytics_counting": analytics_counting.run,
    "beacon": beacon.run,
    "storage": storage.run,
    "analytics_reports": analytics_reports.run,
    "analytics_retention": analytics_retention.run,
    "application_submit": application_submit.run,
    "application_faults": application_faults.run,
    "worker_memory": worker_memory.run,
    "account_page": account_page.run,
}

RESULTS_JSON = BENCH_VAR / "results.json"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _run_one(name: str) -> tuple[Result | None, str | None, float]:
    started = time.monotonic()
    print(f"== {name} " + "=" * max(0, 70 - len(name)), flush=True)
    try:
        result = BENCHMARKS[name]()
    except BenchError as exc:
        print(f"  ERROR: {exc}", flush=True)
        return None, str(exc), time.monotonic() - started
    except Exception as exc:
        traceback.print_exc()
        return None, f"{type(exc).__name__}: {exc}", time.monotonic() - started
    for target in result.targets:
        print(target.line())
    print(flush=True)
    return result, None, time.monotonic() - started


def _table(rows: list[list[str]]) -> str:
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


def _summary(outcomes: list[tuple[str, Result | None, str | None]]) -> str:
    rows = [["benchmark", "figure", "reference", "value", "target", "result"]]
    for name, result, error in outcomes:
        if result is None:
            rows.append([name, "-", "-", "-", "-", f"ERROR ({(error or '').splitlines()[0]})"])
            continue
        for target in result.targets:
            rows.append(
                [
                    name,
                    target.figure,
                    target.reference,
                    f"{target.label} {target.value_text()}",
                    target.target_text(),
                    target.verdict,
                ]
            )
    return _table(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("names", nargs="*", metavar="NAME", help="benchmarks to run (all)")
    parser.add_argument("--list", action="store_true", help="list the benchmarks and exit")
    args = parser.parse_args(argv)
    # What the benchmarks write under var/bench (and the sites they start) is owner-only.
    os.umask(0o077)
    if args.list:
        print("\n".join(BENCHMARKS))
        return 0
    unknown = [name for name in args.names if name not in BENCHMARKS]
    if unknown:
        print(
            f"unknown benchmark {', '.join(unknown)}; known: {', '.join(BENCHMARKS)}",
            file=sys.stderr,
        )
        return 2
    names: list[str] = args.names or list(BENCHMARKS)

    load = os.getloadavg()
    print(
        f"bench: {', '.join(names)} on {os.cpu_count()} CPUs, "
        f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}\n",
        flush=True,
    )
    started_at = _now()
    outcomes: list[tuple[str, Result | None, str | None]] = []
    records: list[dict[str, object]] = []
    for name in names:
        result, error, elapsed = _run_one(name)
        outcomes.append((name, result, error))
        status = "error" if result is None else ("pass" if result.passed else "miss")
        records.append(
            {
                "name": name,
                "status": status,
                "seconds": round(elapsed, 1),
                "error": error,
                "targets": [] if result is None else [t.as_json() for t in result.targets],
                "data": {} if result is None else result.data,
            }
        )

    print("== summary " + "=" * 61)
    print(_summary(outcomes))
    RESULTS_JSON.parent.mkdir(parents=True, exist_ok=True)
    RESULTS_JSON.write_text(
        json.dumps(
            {
                "started_at": started_at,
                "finished_at": _now(),
                "machine": {
                    "cpus": os.cpu_count(),
                    "load_average_at_start": load,
                    "python": platform.python_version(),
                },
                "benchmarks": records,
            },
            indent=2,
        )
        + "\n"
    )
    print(f"\nresults written to {RESULTS_JSON}")
    failed = any(record["status"] != "pass" for record in records)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
