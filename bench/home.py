"""``home``: requests per second of ``/`` (full middleware, counting on) beside three references.

The site runs on its own server (granian, ``bin/serve``). The references, each started
with the command line ``bin/serve`` would use and the same workers (issue 17):

- the bare Django hello (``bench.hello_app``) on gunicorn: the stack a peer Django
  site runs;
- the same hello on granian: the hello on the site's own server (DESIGN.md §6);
- a bare WSGI hello (``bench.wsgi_hello_app``, no Django) on granian: the server's
  own limit;
- the Django hello through the site's whole stack (``bench.stack_hello_app``: its WSGI
  layers, settings and full middleware) on granian: the ceiling of any page, so the
  run also says how much of the gap to the hello is the page and how much the stack.

All four are interleaved round by round; medians are reported with the spread of the
rounds (slowest and fastest against the median). Targets (issue 17): home ≥ 1.5x the
Django hello on gunicorn and ≥ 0.7x the Django hello on granian; home's spread no
more than 10 points above that hello's; home's p99 ≤ 4x its p50 (medians of rounds).
"""

from __future__ import annotations

from contextlib import ExitStack

from bench import http, server
from bench.result import BenchError, Result, Target

VS_GUNICORN_HELLO = 1.5
VS_OWN_SERVER_HELLO = 0.7
SPREAD_POINTS_ABOVE_HELLO = 10.0
P99_OVER_P50 = 4.0
REFERENCES = (
    # (name, server, application)
    ("hello-gunicorn", "gunicorn", server.DJANGO_HELLO),
    ("hello-granian", "granian", server.DJANGO_HELLO),
    ("wsgi-hello-granian", "granian", server.WSGI_HELLO),
)
STACK = "stack-hello-granian"


def _check_same_workers(servers: dict[str, server.Server]) -> None:
    site = servers["home"]
    for name, other in servers.items():
        same = (other.settings.workers, other.settings.threads) == (
            site.settings.workers,
            site.settings.threads,
        )
        if not same or other.running_workers != site.running_workers:
            raise BenchError(
                f"worker settings differ: site {site.settings.describe()} "
                f"({site.running_workers} running), {name} {other.settings.describe()} "
                f"({other.running_workers} running)"
            )


def _measure() -> tuple[dict[str, http.Side], dict[str, server.Server]]:
    with ExitStack() as stack:
        servers = {"home": stack.enter_context(server.site())}
        for name, server_name, application in REFERENCES:
            servers[name] = stack.enter_context(server.hello(server_name, application, name))
        servers[STACK] = stack.enter_context(server.stack_hello())
        _check_same_workers(servers)
        for name, running in servers.items():
            described = running.settings.describe()
            print(f"  {name:<18}  {described} ({running.running_workers} running)")
        print(f"  site storage: {servers['home'].storage}; references: none")
        print(
            f"  {' '.join(http.wrk_command('URL', http.seconds()))}; "
            f"{http.warmup_seconds()}s warm-up before each; "
            f"{http.rounds()} interleaved rounds, medians reported",
            flush=True,
        )
        order = [name for name, _, _ in REFERENCES] + [STACK, "home"]
        sides = http.interleave_all([(name, servers[name].url("/")) for name in order])
    return sides, servers


def _targets(sides: dict[str, http.Side]) -> list[Target]:
    home = sides["home"]
    on_gunicorn, on_granian = sides["hello-gunicorn"], sides["hello-granian"]
    figure = f"home (granian)  {home.requests_per_second:.0f} req/s"
    return [
        Target(
            label="ratio",
            value=home.requests_per_second / on_gunicorn.requests_per_second,
            comparison=">=",
            threshold=VS_GUNICORN_HELLO,
            figure=figure,
            reference=f"Django hello on gunicorn  {on_gunicorn.requests_per_second:.0f} req/s",
        ),
        Target(
            label="ratio",
            value=home.requests_per_second / on_granian.requests_per_second,
            comparison=">=",
            threshold=VS_OWN_SERVER_HELLO,
            figure=figure,
            reference=f"Django hello on granian  {on_granian.requests_per_second:.0f} req/s",
        ),
        Target(
            label="spread above hello's (points)",
            value=home.spread_points - on_granian.spread_points,
            comparison="<=",
            threshold=SPREAD_POINTS_ABOVE_HELLO,
            figure=f"home rounds {home.spread_text()} ({home.spread_points:.0f} points)",
            reference=(
                f"Django hello on granian rounds {on_granian.spread_text()} "
                f"({on_granian.spread_points:.0f} points)"
            ),
            precision=1,
        ),
        Target(
            label="p99/p50",
            value=home.p99_ms / home.p50_ms,
            comparison="<=",
            threshold=P99_OVER_P50,
            figure=f"home p99 {home.p99_ms:.2f} ms",
            reference=f"home p50 {home.p50_ms:.2f} ms",
        ),
    ]


def run() -> Result:
    sides, servers = _measure()
    print("  medians, with the slowest and fastest round against the median:")
    width = max(len(name) for name in sides)
    for name, side in sides.items():
        print(f"  {name:<{width}}  {side.describe()}")
    home = sides["home"]
    for name in [name for name, _, _ in REFERENCES] + [STACK]:
        ratio = home.requests_per_second / sides[name].requests_per_second
        print(f"  home / {name:<{width}}  {ratio:.2f}")
    stack_share = sides[STACK].requests_per_second / sides["hello-granian"].requests_per_second
    print(f"  {STACK} / hello-granian  {stack_share:.2f} (what the stack alone leaves)")
    site = servers["home"]
    return Result(
        name="home",
        targets=_targets(sides),
        data={
            "server": site.settings.server,
            "workers": site.settings.workers,
            "threads": site.settings.threads,
            "worker_class": site.settings.worker_class,
            "wrk": http.wrk_command("URL", http.seconds()),
            "warmup_seconds": http.warmup_seconds(),
            "sides": {name: side.as_json() for name, side in sides.items()},
            "servers": {name: running.settings.describe() for name, running in servers.items()},
        },
    )
