"""``home``: requests per second of ``/`` (full middleware) against the hello reference.

Target (DESIGN.md §6): public pages ≥ 0.5x the hello reference.
"""

from __future__ import annotations

from bench import http, server
from bench.result import BenchError, Result, Target

TARGET_RATIO = 0.5


def run() -> Result:
    with server.site() as site, server.hello() as hello:
        if site.settings != hello.settings or site.running_workers != hello.running_workers:
            raise BenchError(
                f"worker settings differ: site {site.settings.describe()} "
                f"({site.running_workers} running), hello {hello.settings.describe()} "
                f"({hello.running_workers} running)"
            )
        print(
            f"  both servers: {site.settings.describe()} "
            f"(running workers: site {site.running_workers}, hello {hello.running_workers})"
        )
        print(f"  site storage: {site.storage}; hello: none")
        print(
            f"  {' '.join(http.wrk_command('URL', http.seconds()))}; "
            f"{http.warmup_seconds()}s warm-up before each; "
            f"{http.rounds()} interleaved rounds, medians reported",
            flush=True,
        )
        comparison = http.interleave(("hello", hello.url("/")), ("home", site.url("/")))
    home, ref = comparison.page, comparison.reference
    print(
        f"  latency (medians)  home p50 {home.p50_ms:.2f} ms  p99 {home.p99_ms:.2f} ms"
        f"   hello p50 {ref.p50_ms:.2f} ms  p99 {ref.p99_ms:.2f} ms"
    )
    target = Target(
        label="ratio",
        value=comparison.ratio,
        comparison=">=",
        threshold=TARGET_RATIO,
        figure=f"home  {home.requests_per_second:.0f} req/s",
        reference=f"hello  {ref.requests_per_second:.0f} req/s",
    )
    return Result(
        name="home",
        targets=[target],
        data={
            "workers": site.settings.workers,
            "threads": site.settings.threads,
            "worker_class": site.settings.worker_class,
            "wrk": http.wrk_command("URL", http.seconds()),
            "warmup_seconds": http.warmup_seconds(),
            **comparison.as_json(),
        },
    )
