"""``beacon``: the statistics beacon's dearest path beside the server's own limit.

Target (issue 17): the beacon, fresh-visitor path, ≥ 0.4x a bare WSGI hello (no
Django, ``bench.wsgi_hello_app``) on the same server, granian, with the same workers.

The fresh-visitor path is the one a page's first beacon takes: the statistics cookie
the page set (today's date, no area counted yet) comes back, so the beacon counts a
view and a visitor and rewrites the cookie. That cookie's value is the same for every
new visitor of the day (``analytics/hits.py``), so wrk can send it on every request and
every request takes that path. Before measuring, one beacon must answer the GIF and
rewrite the cookie; after the server has stopped (each worker flushes its buffer at
exit), today's views and visitors must have grown by at least the beacons answered.
"""

from __future__ import annotations

import re
import statistics
import urllib.parse
from contextlib import ExitStack
from http.client import HTTPConnection

from bench import analytics_counting, http, server
from bench.result import BenchError, Result, Target

TARGET_RATIO = 0.4
AREA = "/"
BEACON = "/s/hit?a=%2F"
# A browser's user agent: wrk sends none, and a request without one is no browser's.
USER_AGENT = analytics_counting.USER_AGENT
_COOKIE = re.compile(r"^([\w-]*stats)=([^;]+)")


def _get(url: str, headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
    parts = urllib.parse.urlsplit(url)
    connection = HTTPConnection(parts.hostname or "", parts.port, timeout=30)
    try:
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        connection.request("GET", target, headers=headers)
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    except OSError as exc:
        raise BenchError(f"GET {url} failed: {exc}") from exc
    finally:
        connection.close()


def fresh_cookie(site: server.Server) -> str:
    """The page's fresh statistics cookie (``stats=YYYY-MM-DD.00``), checked to take the
    beacon's fresh-visitor path: the GIF, and the cookie rewritten."""
    status, headers, _ = _get(site.url("/"), {"User-Agent": USER_AGENT})
    match = _COOKIE.match(headers.get("set-cookie", ""))
    if status != 200 or match is None:
        raise BenchError(f"the home page answered {status} without a statistics cookie")
    cookie = f"{match.group(1)}={match.group(2)}"
    status, headers, body = _get(site.url(BEACON), {"Cookie": cookie, "User-Agent": USER_AGENT})
    if status != 200 or not body.startswith(b"GIF89a"):
        raise BenchError(f"the beacon with {cookie!r} answered {status} without its GIF")
    rewritten = _COOKIE.match(headers.get("set-cookie", ""))
    if rewritten is None or rewritten.group(2) == match.group(2):
        raise BenchError(f"the beacon did not rewrite the fresh cookie {cookie!r}")
    return cookie


def run() -> Result:
    var = analytics_counting.VAR
    with ExitStack() as stack:
        site = stack.enter_context(server.site(var_dir=var))
        limit = stack.enter_context(server.hello("granian", server.WSGI_HELLO, "wsgi-hello"))
        if (limit.settings.workers, limit.running_workers) != (
            site.settings.workers,
            site.running_workers,
        ):
            raise BenchError("the site and the WSGI hello run different numbers of workers")
        cookie = fresh_cookie(site)
        print(f"  site {site.settings.describe()}; WSGI hello {limit.settings.describe()}")
        print(f"  beacon: GET {BEACON} with Cookie: {cookie} (a new visitor every request)")
        views_before, visitors_before, day_before = analytics_counting.today_totals()
        sides = http.interleave_all(
            [("wsgi-hello", limit.url("/")), ("beacon", site.url(BEACON))],
            headers={
                "beacon": [f"Cookie: {cookie}", f"User-Agent: {USER_AGENT}"],
                "wsgi-hello": [f"User-Agent: {USER_AGENT}"],
            },
        )
    views_after, visitors_after, day_after = analytics_counting.today_totals()
    beacon, hello = sides["beacon"], sides["wsgi-hello"]
    answered = sum(run.requests for run in beacon.runs)
    grown = (views_after - views_before, visitors_after - visitors_before)
    print(f"  counters moved: views +{grown[0]}, visitors +{grown[1]} for {answered} beacons")
    if day_before == day_after and min(grown) < answered:
        raise BenchError(f"{answered} beacons answered but the counters moved only by {grown}")
    for side in (hello, beacon):
        print(f"  {side.name:<10}  {side.describe()}")
    ratio = beacon.requests_per_second / hello.requests_per_second
    return Result(
        name="beacon",
        targets=[
            Target(
                label="ratio",
                value=ratio,
                comparison=">=",
                threshold=TARGET_RATIO,
                figure=f"beacon, fresh visitor  {beacon.requests_per_second:.0f} req/s",
                reference=f"bare WSGI hello on granian  {hello.requests_per_second:.0f} req/s",
            )
        ],
        data={
            "workers": site.settings.workers,
            "threads": site.settings.threads,
            "storage": site.storage,
            "cookie": cookie,
            "median_p99_over_p50": statistics.median(
                run.p99_ms / run.p50_ms for run in beacon.runs if run.p50_ms
            ),
            "sides": {name: side.as_json() for name, side in sides.items()},
            "counters": {"beacons_answered": answered, "views_added": grown[0]},
        },
    )
