"""``analytics_counting``: what visitor counting costs a page, measured with wrk.

Target (issue 17, replacing issue 6's "counting costs ≤ 10%", which could not be met
on any server): page + beacon ≥ 0.75x pages alone, i.e. a beacon costs at most a third
of a page — pages per second, each page followed by its beacon request, against pages
per second with counting off, the ratio of the medians ≥ 0.75.

The site runs as ``make run`` serves it (``bench.server.site``: ``bin/serve``,
``HTTPS=off``, granian), on its own SQLite database under
``var/bench/analytics-counting/``.
The settings have no switch that turns counting off (``STATS_*`` only tune it), so
"counting off" is measured on the same server as the same page requests without the
beacon: what a visitor costs when nothing is counted. Both sides run the same wrk
Lua script (written to ``var/bench/analytics-counting/``): each fetched page is read
for its beacon URL (``/s/hit?a=/``) and its ``Set-Cookie`` (a fresh statistics
cookie: each pair is a new visitor, the dearer path — the beacon counts a view and a
visitor and rewrites the cookie); "on" then requests that beacon with that cookie,
on the next free connection of the same wrk thread, before any further page. Pages
per second are pages answered over the run's duration; the two sides are
interleaved (off, on, off, on…) on the one server.

Any non-2xx response, socket error, page without a beacon or cookie, or beacon that
does not answer a GIF fails the run. After the server has stopped (each worker
flushes its buffer at exit) ``manage.py analytics_report --days 1 --json`` must show
that today's views and visitors grew by at least the beacons answered (and by no
more than those plus one in flight per connection per run).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import statistics
import subprocess
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

from bench import http, server
from bench.result import BenchError, Result, Target

TARGET_RATIO = 0.75
DEFAULT_ROUNDS = 3
VAR = server.BENCH_VAR / "analytics-counting"
SCRIPT_DIR = VAR
USER_AGENT = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/128.0.0.0 Safari/537.36"
)
_SUMMARY = re.compile(
    r"^BENCH pages=(\d+) beacons=(\d+) bad=(\d+) nobeacon=(\d+) nocookie=(\d+) "
    r"notgif=(\d+) seconds=([\d.]+)$",
    re.MULTILINE,
)

# %(mode)s is "on" (each page followed by its beacon) or "off" (pages only).
LUA = r"""-- written by bench/analytics_counting.py; mode %(mode)s
local mode = "%(mode)s"
local ua = "%(user_agent)s"
local host = wrk.host .. ":" .. wrk.port
local page = wrk.format("GET", "/", {["Host"] = host, ["User-Agent"] = ua})
local queue = {}
local threads = {}
pages, beacons, bad, nobeacon, nocookie, notgif = 0, 0, 0, 0, 0, 0

function setup(thread)
  table.insert(threads, thread)
end

function request()
  local next_beacon = table.remove(queue, 1)
  if next_beacon then
    local headers = {["Host"] = host, ["User-Agent"] = ua, ["Cookie"] = next_beacon[2]}
    return wrk.format("GET", next_beacon[1], headers)
  end
  return page
end

function response(status, headers, body)
  if status < 200 or status > 299 then bad = bad + 1 end
  local ctype, cookie = "", nil
  for name, value in pairs(headers) do
    local lower = string.lower(name)
    if lower == "content-type" then ctype = value end
    if lower == "set-cookie" then cookie = string.match(value, "^([%%w_-]*stats=[^;]+)") end
  end
  if string.find(ctype, "text/html", 1, true) then
    pages = pages + 1
    local src = string.match(body or "", 'src="(/s/hit%%?[^"]*)"')
    if not src then nobeacon = nobeacon + 1 end
    if not cookie then nocookie = nocookie + 1 end
    if mode == "on" and src and cookie then
      table.insert(queue, {string.gsub(src, "&amp;", "&"), cookie})
    end
  elseif string.find(ctype, "image/gif", 1, true) then
    beacons = beacons + 1
  else
    notgif = notgif + 1
  end
end

function done(summary, latency, requests)
  local p, b, x, nb, nc, ng = 0, 0, 0, 0, 0, 0
  for _, thread in ipairs(threads) do
    p = p + thread:get("pages")
    b = b + thread:get("beacons")
    x = x + thread:get("bad")
    nb = nb + thread:get("nobeacon")
    nc = nc + thread:get("nocookie")
    ng = ng + thread:get("notgif")
  end
  io.write(string.format(
    "BENCH pages=%%d beacons=%%d bad=%%d nobeacon=%%d nocookie=%%d notgif=%%d seconds=%%.3f\n",
    p, b, x, nb, nc, ng, summary.duration / 1e6))
end
"""


@dataclass(frozen=True)
class Run:
    mode: str
    seconds: float
    pages: int
    beacons: int
    requests_per_second: float
    p50_ms: float
    p99_ms: float

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.seconds

    def describe(self) -> str:
        return (
            f"{self.pages_per_second:7.0f} pages/s  ({self.pages} pages, {self.beacons} beacons"
            f" in {self.seconds:.1f} s; all requests p50 {self.p50_ms:.2f} ms"
            f"  p99 {self.p99_ms:.2f} ms)"
        )


def _rounds() -> int:
    return http.rounds() if os.environ.get("BENCH_ROUNDS", "").strip() else DEFAULT_ROUNDS


def _script(mode: str) -> Path:
    SCRIPT_DIR.mkdir(parents=True, exist_ok=True)
    path = SCRIPT_DIR / f"counting-{mode}.lua"
    path.write_text(LUA % {"mode": mode, "user_agent": USER_AGENT})
    return path


def _command(url: str, script: Path, duration: int) -> list[str]:
    return [
        http.WRK,
        f"-t{http.THREADS}",
        f"-c{http.CONNECTIONS}",
        f"-d{duration}s",
        "--latency",
        "-s",
        str(script),
        url,
    ]


def counting_run(mode: str, url: str, duration: int) -> Run:
    """One wrk run; any error response, missing beacon or cookie is an error."""
    if not shutil.which(http.WRK):
        raise BenchError(f"{http.WRK} not found: apt-get install wrk")
    command = _command(url, _script(mode), duration)
    try:
        completed = subprocess.run(
            command, capture_output=True, text=True, timeout=duration + 60, check=False
        )
    except subprocess.TimeoutExpired as exc:
        raise BenchError(f"wrk did not finish: {' '.join(command)}") from exc
    if completed.returncode != 0:
        raise BenchError(f"wrk failed ({completed.returncode}): {completed.stderr.strip()}")
    parsed = http.parse_wrk(completed.stdout, url, duration)
    summary = _SUMMARY.search(completed.stdout)
    if summary is None:
        raise BenchError(f"the wrk script printed no summary:\n{completed.stdout}")
    pages, beacons, bad, nobeacon, nocookie, notgif = map(int, summary.groups()[:6])
    seconds = float(summary.group(7))
    problems = []
    if parsed.errors or bad:
        problems.append(f"{parsed.non_2xx} non-2xx responses, socket errors {parsed.socket_errors}")
    if nobeacon or nocookie:
        problems.append(f"{nobeacon} pages without a beacon, {nocookie} without a fresh cookie")
    if notgif:
        problems.append(f"{notgif} responses neither a page nor the beacon's GIF")
    if mode == "on" and abs(pages - beacons) > http.CONNECTIONS:
        problems.append(f"{pages} pages but {beacons} beacons answered")
    if mode == "off" and beacons:
        problems.append(f"{beacons} beacons requested with counting off")
    if not pages or seconds <= 0:
        problems.append("no page answered")
    if problems:
        raise BenchError(
            f"counting {mode}: {'; '.join(problems)} out of {parsed.requests} requests; "
            f"the figure would be worthless.\n{completed.stdout}"
        )
    return Run(
        mode=mode,
        seconds=seconds,
        pages=pages,
        beacons=beacons,
        requests_per_second=parsed.requests_per_second,
        p50_ms=parsed.p50_ms,
        p99_ms=parsed.p99_ms,
    )


def _manage_env() -> dict[str, str]:
    """The environment ``bench.server.site`` gives the server, for operator commands."""
    env = dict(os.environ)
    env.update(HTTPS="off", VAR_DIR=str(VAR), DJANGO_SETTINGS_MODULE="partnership.settings")
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    env.update(server.bench_storage())
    return env


def today_totals() -> tuple[int, int, str]:
    """Today's (views, visitors) and day from ``analytics_report --days 1 --json``."""
    completed = subprocess.run(
        [sys.executable, "manage.py", "analytics_report", "--days", "1", "--json"],
        cwd=server.REPO,
        env=_manage_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode != 0:
        raise BenchError(f"analytics_report failed: {completed.stderr.strip()[-2000:]}")
    report = json.loads(completed.stdout)
    totals = report["totals"]
    # A withheld (small) number is null: it is below the threshold, so near zero.
    return int(totals["views"] or 0), int(totals["visitors"] or 0), str(report["to"])


def run() -> Result:
    n_rounds = _rounds()
    duration, warmup = http.seconds(), http.warmup_seconds()
    runs: dict[str, list[Run]] = {"off": [], "on": []}
    warm_beacons = 0
    VAR.mkdir(parents=True, exist_ok=True)
    with server.site(var_dir=VAR) as site:
        print(
            f"  server: {site.settings.describe()} (running {site.running_workers}); "
            f"storage: {site.storage}"
        )
        print(
            f"  {' '.join(_command('URL', SCRIPT_DIR / 'counting-MODE.lua', duration))}; "
            f"{warmup}s warm-up before each; {n_rounds} interleaved rounds, medians reported",
            flush=True,
        )
        print(
            "  counting off = the same pages without their beacon (no setting turns "
            "counting off); counting on = each page then its beacon, a new visitor per page",
            flush=True,
        )
        http.check_ok(site.url("/"))
        views_before, visitors_before, day_before = today_totals()
        for number in range(1, n_rounds + 1):
            for mode in ("off", "on"):
                if warmup:
                    warm_beacons += counting_run(mode, site.url("/"), warmup).beacons
                result = counting_run(mode, site.url("/"), duration)
                runs[mode].append(result)
                print(f"  round {number}/{n_rounds}  counting {mode:<3}  {result.describe()}")
                sys.stdout.flush()
    # The server has stopped: every worker flushed its buffer at exit.
    views_after, visitors_after, day_after = today_totals()
    beacons = warm_beacons + sum(r.beacons for r in runs["on"])
    counted_views = views_after - views_before
    counted_visitors = visitors_after - visitors_before
    in_flight = http.CONNECTIONS * 2 * n_rounds  # a request per connection cut off per run
    print(
        f"  counters moved: views +{counted_views}, visitors +{counted_visitors} "
        f"for {beacons} beacons answered (analytics_report --days 1, {day_after})"
    )
    if day_before == day_after and not (
        beacons <= counted_views <= beacons + in_flight
        and beacons <= counted_visitors <= beacons + in_flight
    ):
        raise BenchError(
            f"the counters did not move as the beacons say: views +{counted_views}, "
            f"visitors +{counted_visitors}, for {beacons} beacons answered"
        )
    off = statistics.median(r.pages_per_second for r in runs["off"])
    on = statistics.median(r.pages_per_second for r in runs["on"])
    ratio = on / off
    for mode, median in (("off", off), ("on", on)):
        rates = [r.pages_per_second for r in runs[mode]]
        print(
            f"  counting {mode:<3}  median {median:7.0f} pages/s, rounds "
            f"{100 * (min(rates) / median - 1):+.0f}% / {100 * (max(rates) / median - 1):+.0f}%"
        )
    print(f"  counting costs {100 * (1 - ratio):.1f}% of pages per second")
    target = Target(
        label="ratio",
        value=ratio,
        comparison=">=",
        threshold=TARGET_RATIO,
        figure=f"counting on (page + beacon)  {on:.0f} pages/s",
        reference=f"counting off (page, no beacon)  {off:.0f} pages/s",
    )
    return Result(
        name="analytics_counting",
        targets=[target],
        data={
            "workers": site.settings.workers,
            "threads": site.settings.threads,
            "worker_class": site.settings.worker_class,
            "storage": site.storage,
            "off_means": "the same page requests without the beacon (no setting turns it off)",
            "wrk": _command("URL", SCRIPT_DIR / "counting-MODE.lua", duration),
            "warmup_seconds": warmup,
            "rounds": n_rounds,
            "median_pages_per_second": {"off": off, "on": on},
            "ratio_of_medians": ratio,
            "counters": {
                "beacons_answered": beacons,
                "views_added": counted_views,
                "visitors_added": counted_visitors,
                "day": day_after,
            },
            "runs": {mode: [asdict(r) for r in rs] for mode, rs in runs.items()},
        },
    )
