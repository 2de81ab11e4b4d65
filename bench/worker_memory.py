"""``worker_memory``: each web worker's resident memory after 10,000 requests.

Target (DESIGN.md §6): web worker memory ≤ 150 MB after 10,000 requests, read the
strict way: *every* worker has served at least 10,000 requests after its warm-up.
granian (like gunicorn) leaves it to the workers to race for new connections, and on a busy machine
one worker often takes most of them (all 16 of wrk's, at times), so 10,000 x workers
in total would leave some worker far short. Memory is each worker's ``VmRSS`` from
``/proc/<pid>/status`` (pages shared with the master included: granian imports the
site in each worker, so there are few), in MB of 10^6 bytes;
the figure is the largest, printed beside the same workers' after the warm-up.

The site runs as ``make run`` serves it (``bench.server.site``: ``bin/serve``,
``HTTPS=off``, granian with several workers) on its own SQLite database under
``var/bench/worker-memory/``. wrk's Lua script (written there) cycles through a visit
mix: each public page followed by its statistics beacon (carrying the statistics
cookie the latest page response set), the static files the pages link to, and a path
that does not exist (404).

Counting each worker's requests: a wrk connection is keep-alive, so it stays with the
worker that accepted it, and the kernel counts the request segments each server-side
socket received (``ss -ti``: ``data_segs_in``; over loopback one request is one
segment). The load runs in rounds: each wrk thread stops after its share of the round
and leaves its connections open; the bench then reads every connection's count and its
worker (the socket's inode in ``/proc/<pid>/fd``) and lets wrk finish. Rounds repeat
until every worker has served 10,000. On gunicorn (``WEB_SERVER=gunicorn``), whose
workers race for connections on one shared socket, a worker that has its count is
paused (SIGSTOP) while the next round's connections open, so they all go to the others;
the pause lasts well under a second, far from its worker timeout, and no worker gets
near ``max_requests``. granian's workers each listen on a socket of their own
(SO_REUSEPORT), which the kernel fills evenly, and a paused one would still be handed
connections: there, nobody is paused.

Any response but a 2xx (a 404 only for the missing path), a socket error, a beacon not
answered with a GIF, per-worker counts that disagree with wrk's, or a worker replaced
during the run (granian respawns one after its lifetime or past its memory limit,
gunicorn after ``max_requests``; the figure would then be a fresh process's) fails
the run.
"""

from __future__ import annotations

import re
import shutil
import signal
import subprocess
import time
import urllib.error
import urllib.request
from collections import Counter
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from string import Template

from bench import http, server
from bench import workers as server_workers
from bench.result import BenchError, Result, Target
from partnership import gunicorn_conf
from partnership.core import serve_command

TARGET_MB = 150.0
REQUESTS_PER_WORKER = 10_000
WARMUP_PER_WORKER = 300
# Requests per round (one wrk run): small, so no worker gets far ahead of the others.
ROUND_REQUESTS = 1_000
ROUND_TIMEOUT_S = 300
CONNECT_TIMEOUT_S = 5.0
VAR = server.BENCH_VAR / "worker-memory"
SCRIPT = VAR / "mix.lua"
MARKER = VAR / "threads-stopped"
PAGES = (
    "/",
    "/card/",
    "/help/",
    "/legal/",
    "/privacy/",
    "/offers/",
    "/privacy/cookies/",
    "/complaints/",
)
MISSING = "/no-such-page/"
KINDS = ("page", "beacon", "static", "missing")
USER_AGENT = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/128.0.0.0 Safari/537.36"
)
_SUMMARY = re.compile(
    r"^BENCH page=(\d+)/(\d+) beacon=(\d+)/(\d+) static=(\d+)/(\d+) missing=(\d+)/(\d+) "
    r"bad=(\d+)$",
    re.MULTILINE,
)

LUA = Template((Path(__file__).parent / "worker_memory.lua").read_text())


@dataclass(frozen=True)
class Round:
    """One wrk run: requests each worker received, and what wrk saw."""

    served: Counter[int]
    completed: int
    seconds: float


def _fetch(url: str, cookie: str | None = None) -> tuple[int, str, list[str], bytes]:
    """(status, content type, Set-Cookie values, body) of one GET."""
    headers = {"User-Agent": USER_AGENT}
    if cookie:
        headers["Cookie"] = cookie
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 (our own http URL)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            status: int = response.status
            return (
                status,
                response.headers.get("Content-Type", ""),
                response.headers.get_all("Set-Cookie") or [],
                response.read(),
            )
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers.get("Content-Type", ""), [], exc.read()


def _mix(site: server.Server) -> tuple[list[tuple[str, str]], str]:
    """The visit mix as (kind, path) steps and a statistics cookie, each URL checked once."""
    steps: list[tuple[str, str]] = []
    static: set[str] = set()
    cookie = ""
    for path in PAGES:
        status, ctype, cookies, body = _fetch(site.url(path))
        text = body.decode(errors="replace")
        beacon = re.search(r'src="(/s/hit\?[^"]*)"', text)
        fresh = [c.split(";", 1)[0] for c in cookies if re.match(r"[\w-]*stats=", c)]
        if status != 200 or "text/html" not in ctype or not beacon or not fresh:
            raise BenchError(
                f"GET {path}: {status} {ctype!r}, beacon {bool(beacon)}, statistics cookie "
                f"{bool(fresh)}; a public page must answer 200 with both"
            )
        cookie = fresh[0]
        steps += [("page", path), ("beacon", unescape(beacon.group(1)))]
        static.update(re.findall(r'(?:src|href)="(/static/[^"]+)"', text))
    for path in sorted(static):
        status, ctype, _, _ = _fetch(site.url(path))
        if status != 200:
            raise BenchError(f"GET {path} (linked from the pages) answered {status}")
        steps.append(("static", path))
    for kind, path in steps:
        if kind == "beacon":
            status, ctype, _, _ = _fetch(site.url(path), cookie)
            if status != 200 or "image/gif" not in ctype:
                raise BenchError(f"GET {path} with {cookie}: {status} {ctype!r}, not a GIF")
    status, _, _, _ = _fetch(site.url(MISSING))
    if status != 404:
        raise BenchError(f"GET {MISSING} answered {status}, not 404")
    steps.append(("missing", MISSING))
    return steps, cookie


def _script(steps: list[tuple[str, str]], cookie: str) -> None:
    VAR.mkdir(parents=True, exist_ok=True)
    lua_steps = ",\n".join(f'  {{"{kind}", "{path}"}}' for kind, path in steps)
    SCRIPT.write_text(
        LUA.substitute(
            user_agent=USER_AGENT,
            marker=MARKER,
            limit=ROUND_REQUESTS // http.THREADS,
            steps=lua_steps,
            cookie=cookie,
        )
    )


def _command(url: str) -> list[str]:
    return [
        http.WRK,
        f"-t{http.THREADS}",
        f"-c{http.CONNECTIONS}",
        f"-d{ROUND_TIMEOUT_S}s",
        # A slow answer is no error here (a cold worker's first pages can take seconds on
        # a busy machine); only one slower than gunicorn's worker timeout is (granian has
        # none; nginx's read timeout is a little above it, docs/proxy.md).
        f"--timeout={gunicorn_conf.timeout}s",
        "--latency",
        "-s",
        str(SCRIPT),
        url,
    ]


def _check_same_workers(site: server.Server, workers: list[int], when: str) -> None:
    now = server_workers.workers(site.pgid)
    if now != workers:
        gone = sorted(set(workers) - set(now))
        new = sorted(set(now) - set(workers))
        recycles = (
            f"granian respawns a worker after {serve_command.WORKERS_LIFETIME_SECONDS}s or past "
            f"{serve_command.WORKERS_MAX_RSS_MIB} MiB"
            if site.settings.server == "granian"
            else f"gunicorn recycles a worker after max_requests={gunicorn_conf.max_requests} "
            f"(+ up to {gunicorn_conf.max_requests_jitter}) or when it times out"
        )
        raise BenchError(
            f"workers replaced {when} (gone {gone}, new {new}): {recycles}, and either "
            f"when one dies, so the memory figure would be a fresh process's. Log: {site.log}"
        )


def _round(site: server.Server, workers: list[int], held_back: list[int]) -> Round:
    """One wrk run of ``ROUND_REQUESTS``; any error response fails it.

    Workers in ``held_back`` are paused while wrk connects, so they get none of its
    connections and serve nothing in this round.
    """
    port = int(site.base_url.rsplit(":", 1)[1])
    MARKER.unlink(missing_ok=True)
    command = _command(site.url("/"))
    started = time.monotonic()
    process: subprocess.Popen[str] | None = None
    try:
        with server_workers.paused(held_back):
            process = subprocess.Popen(
                command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
            )
            deadline = time.monotonic() + CONNECT_TIMEOUT_S
            while time.monotonic() < deadline and process.poll() is None:
                held = server_workers.connections(port, workers).held
                if sum(held.values()) >= http.CONNECTIONS:
                    break
                time.sleep(0.02)
        while not (MARKER.exists() and len(MARKER.read_text().split()) >= http.THREADS):
            if process.poll() is not None:
                raise BenchError(
                    f"wrk ended before its threads had {ROUND_REQUESTS} responses "
                    f"(limit {ROUND_TIMEOUT_S}s): {process.communicate()[1].strip()}"
                )
            time.sleep(0.02)
        seconds = time.monotonic() - started
        time.sleep(0.2)  # let the requests still in flight arrive
        connections = server_workers.connections(port, workers)
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=60)
    finally:
        if process is not None and process.poll() is None:
            process.kill()
            process.wait()
    if process.returncode != 0:
        raise BenchError(f"wrk failed ({process.returncode}): {err.strip()}")
    parsed = http.parse_wrk(out, site.url("/"), ROUND_TIMEOUT_S)
    summary = _SUMMARY.search(out)
    if summary is None:
        raise BenchError(f"the wrk script printed no summary:\n{out}")
    numbers = list(map(int, summary.groups()))
    answered = dict(zip(KINDS, numbers[0:8:2], strict=True))
    issued = dict(zip(KINDS, numbers[1:8:2], strict=True))
    bad = numbers[8]
    served = connections.served
    received = sum(served.values()) + connections.unowned_requests
    problems = []
    if bad or any(parsed.socket_errors.values()):
        problems.append(f"{bad} unexpected statuses, socket errors {parsed.socket_errors}")
    if parsed.non_2xx != answered["missing"]:
        problems.append(f"{parsed.non_2xx} non-2xx but {answered['missing']} 404s")
    if any(not 0 <= issued[k] - answered[k] <= http.CONNECTIONS for k in KINDS):
        problems.append(f"answered {answered} for requests sent {issued}")
    if connections.unowned_requests:
        problems.append(
            f"{connections.unowned_requests} requests on connections of no known worker"
        )
    if any(served[pid] for pid in held_back):
        problems.append(f"paused workers served requests: {dict(served)}")
    if not parsed.requests <= received <= parsed.requests + http.CONNECTIONS:
        problems.append(
            f"the workers received {received} requests on open connections, wrk completed "
            f"{parsed.requests} (a connection was dropped, or one request took two segments)"
        )
    if problems:
        raise BenchError(f"{'; '.join(problems)}; the figure would be worthless.\n{out}")
    return Round(served=served, completed=parsed.requests, seconds=seconds)


def _held_back(
    site: server.Server, workers: list[int], served: Counter[int], per_worker: int
) -> list[int]:
    """On gunicorn, workers that have their count sit the next round out, so the
    others race for its connections. granian gives each worker a listening socket of its
    own (SO_REUSEPORT) and the kernel spreads new connections over them: a paused
    worker's socket would still be given its share, served only once it is let go. So
    on granian nobody is paused; the even spread is what brings each worker its count.
    """
    if site.settings.server == "granian":
        return []
    return [pid for pid in workers if served[pid] >= per_worker]


def _load(
    site: server.Server, workers: list[int], per_worker: int, name: str, earlier: Counter[int]
) -> Counter[int]:
    """Rounds until every worker has received ``per_worker`` requests; returns the counts.

    ``earlier`` is what each worker served before, which counts towards ``max_requests``.
    """
    served: Counter[int] = Counter(dict.fromkeys(workers, 0))
    completed, seconds, rounds = 0, 0.0, 0
    while min(served.values()) < per_worker:
        # A worker recycled mid-run would void the figure: stop before one could be.
        busiest = max(workers, key=lambda pid: earlier[pid] + served[pid])
        if (
            site.settings.server == "gunicorn"  # granian recycles by time and memory only
            and earlier[busiest] + served[busiest] + ROUND_REQUESTS >= gunicorn_conf.max_requests
        ):
            raise BenchError(
                f"{name}: worker {busiest} has served {earlier[busiest] + served[busiest]} "
                f"in all while worker "
                f"{min(served, key=lambda pid: served[pid])} has {min(served.values())}; "
                f"another round could reach max_requests={gunicorn_conf.max_requests} "
                "and recycle it. The connections spread too unevenly; run again."
            )
        result = _round(site, workers, _held_back(site, workers, served, per_worker))
        served.update(result.served)
        completed += result.completed
        seconds += result.seconds
        rounds += 1
        _check_same_workers(site, workers, f"during the {name}")
    print(
        f"  {name}: {rounds} rounds, {completed} requests in {seconds:.0f}s "
        f"({completed / seconds:.0f} req/s); fewest per worker {min(served.values())}",
        flush=True,
    )
    return served


def run() -> Result:
    for tool in (http.WRK, "ss"):
        if not shutil.which(tool):
            raise BenchError(f"{tool} not found: apt-get install wrk iproute2")
    VAR.mkdir(parents=True, exist_ok=True)
    with server.site(var_dir=VAR) as site:
        workers = server_workers.workers(site.pgid)
        print(
            f"  server: {site.settings.describe()} (running {len(workers)}: "
            f"{', '.join(map(str, workers))}); storage: {site.storage}"
        )
        steps, cookie = _mix(site)
        _script(steps, cookie)
        kinds = Counter(kind for kind, _ in steps)
        print(
            f"  mix, {len(steps)} requests a cycle: {kinds['page']} pages each with its beacon, "
            f"{kinds['static']} static files, {kinds['missing']} missing page (404)",
            flush=True,
        )
        print(
            f"  {' '.join(_command('URL'))}; rounds of {ROUND_REQUESTS} requests, "
            "each worker's count read from its connections (ss data_segs_in); "
            + (
                "no worker paused (each has its own listening socket)"
                if site.settings.server == "granian"
                else "a worker with its count is paused while the next round connects"
            ),
            flush=True,
        )
        warmup = _load(site, workers, WARMUP_PER_WORKER, "warm-up", Counter())
        before = {pid: server_workers.memory(pid) for pid in workers}
        load = _load(site, workers, REQUESTS_PER_WORKER, "load", warmup)
        after = {pid: server_workers.memory(pid) for pid in workers}
        _check_same_workers(site, workers, "by the end of the run")
    for pid in workers:
        growth = after[pid].rss_mb - before[pid].rss_mb
        print(
            f"  worker {pid}  requests: warm-up {warmup[pid]:5d}, load {load[pid]:6d}   "
            f"RSS after warm-up {before[pid].rss_mb:6.1f} MB, after load "
            f"{after[pid].rss_mb:6.1f} MB ({growth:+.1f} MB), peak {after[pid].peak_mb:6.1f} MB"
        )
    worst = max(workers, key=lambda pid: after[pid].rss_kb)
    reference = max(before[pid].rss_mb for pid in workers)
    target = Target(
        label="MB",
        value=after[worst].rss_mb,
        comparison="<=",
        threshold=TARGET_MB,
        figure=(
            f"largest worker RSS after ≥{REQUESTS_PER_WORKER} requests each  "
            f"{after[worst].rss_mb:.1f} MB (worker {worst})"
        ),
        reference=f"largest after warm-up  {reference:.1f} MB",
        precision=1,
    )
    return Result(
        name="worker_memory",
        targets=[target],
        data={
            "server": site.settings.server,
            "workers": site.settings.workers,
            "threads": site.settings.threads,
            "worker_class": site.settings.worker_class,
            "storage": site.storage,
            "wrk": _command("URL"),
            "round_requests": ROUND_REQUESTS,
            "requests_per_worker": REQUESTS_PER_WORKER,
            "mix": [{"kind": kind, "path": path} for kind, path in steps],
            "mb": "10^6 bytes; VmRSS and VmHWM from /proc/<pid>/status",
            "per_worker": [
                {
                    "pid": pid,
                    "warmup_requests": warmup[pid],
                    "load_requests": load[pid],
                    "rss_after_warmup_mb": before[pid].rss_mb,
                    "rss_after_load_mb": after[pid].rss_mb,
                    "anonymous_after_load_mb": after[pid].anon_kb * 1024 / 1e6,
                    "peak_rss_mb": after[pid].peak_mb,
                }
                for pid in workers
            ],
        },
    )
