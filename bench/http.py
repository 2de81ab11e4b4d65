"""Throughput with ``wrk``: one measurement, and interleaved reference/page comparisons.

Knobs (environment): ``BENCH_SECONDS`` (each measurement, default 10),
``BENCH_WARMUP_SECONDS`` (before each measurement, default 2) and ``BENCH_ROUNDS``
(interleaved rounds per side, default 3: the median of an odd number sets one
slow round aside, and this shared machine has them).
"""

from __future__ import annotations

import http.client
import os
import re
import shutil
import statistics
import subprocess
import urllib.parse
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field

from bench.result import BenchError

WRK = "/usr/bin/wrk"
THREADS = 2
CONNECTIONS = 16

_UNIT_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}
_DURATION = r"([\d.]+)(us|ms|s|m|h)\b"


def _env_int(name: str, default: int, minimum: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise BenchError(f"{name} must be a whole number, not {raw!r}") from None
    if value < minimum:
        raise BenchError(f"{name} must be at least {minimum}, not {value}")
    return value


def seconds() -> int:
    return _env_int("BENCH_SECONDS", 10, 1)


def warmup_seconds() -> int:
    return _env_int("BENCH_WARMUP_SECONDS", 2, 0)


def rounds() -> int:
    return _env_int("BENCH_ROUNDS", 3, 1)


def wrk_command(url: str, duration: int, headers: Sequence[str] = ()) -> list[str]:
    """wrk's command line; each of ``headers`` (``"Name: value"``) goes on every request."""
    sent = [part for header in headers for part in ("-H", header)]
    return [WRK, f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{duration}s", "--latency", *sent, url]


@dataclass(frozen=True)
class WrkResult:
    url: str
    duration_s: int
    requests: int
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    non_2xx: int
    socket_errors: dict[str, int] = field(default_factory=dict)

    @property
    def errors(self) -> int:
        return self.non_2xx + sum(self.socket_errors.values())

    def describe(self) -> str:
        return (
            f"{self.requests_per_second:8.0f} req/s  p50 {self.p50_ms:6.2f} ms"
            f"  p99 {self.p99_ms:7.2f} ms  ({self.requests} requests)"
        )

    def as_json(self) -> dict[str, object]:
        return asdict(self)


def _ms(number: str, unit: str) -> float:
    return float(number) * _UNIT_MS[unit]


def parse_wrk(output: str, url: str, duration: int) -> WrkResult:
    """Read requests/s, p50/p99 latency and the error counts from ``wrk --latency`` output."""
    rps = re.search(r"^Requests/sec:\s+([\d.]+)", output, re.MULTILINE)
    total = re.search(r"^\s*(\d+) requests in ", output, re.MULTILINE)
    p50 = re.search(rf"^\s*50(?:\.0+)?%\s+{_DURATION}", output, re.MULTILINE)
    p99 = re.search(rf"^\s*99(?:\.0+)?%\s+{_DURATION}", output, re.MULTILINE)
    if not (rps and total and p50 and p99):
        raise BenchError(f"cannot read wrk's output:\n{output}")
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    sockets = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    socket_errors = dict.fromkeys(("connect", "read", "write", "timeout"), 0)
    if sockets:
        socket_errors = dict(zip(socket_errors, map(int, sockets.groups()), strict=True))
    return WrkResult(
        url=url,
        duration_s=duration,
        requests=int(total.group(1)),
        requests_per_second=float(rps.group(1)),
        p50_ms=_ms(*p50.groups()),
        p99_ms=_ms(*p99.groups()),
        non_2xx=int(non_2xx.group(1)) if non_2xx else 0,
        socket_errors=socket_errors,
    )


def check_ok(url: str) -> None:
    """One plain GET must answer 2xx: wrk counts redirects as successes, this does not."""
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=30)
    try:
        connection.request("GET", parts.path or "/")
        response = connection.getresponse()
        body = response.read()
    except OSError as exc:
        raise BenchError(f"GET {url} failed: {exc}") from exc
    finally:
        connection.close()
    if not 200 <= response.status < 300:
        raise BenchError(
            f"GET {url} answered {response.status}, not 2xx: a benchmark of an error page "
            f"or a redirect is worthless. Body starts: {body[:200]!r}"
        )


def wrk(url: str, duration: int, headers: Sequence[str] = ()) -> WrkResult:
    """Run wrk once; a run with any non-2xx response or socket error is an error."""
    if not shutil.which(WRK):
        raise BenchError(f"{WRK} not found: apt-get install wrk")
    command = wrk_command(url, duration, headers)
    try:
        completed = subprocess.run(
            command, capture_output=True, text=True, timeout=duration + 60, check=False
        )
    except subprocess.TimeoutExpired as exc:
        raise BenchError(f"wrk did not finish: {' '.join(command)}") from exc
    if completed.returncode != 0:
        raise BenchError(f"wrk failed ({completed.returncode}): {completed.stderr.strip()}")
    result = parse_wrk(completed.stdout, url, duration)
    if result.errors:
        errors = ", ".join(f"{name} {count}" for name, count in result.socket_errors.items())
        raise BenchError(
            f"{url}: {result.non_2xx} non-2xx responses and socket errors ({errors}) "
            f"out of {result.requests} requests; the figure would be worthless.\n"
            f"{completed.stdout}"
        )
    return result


def measure(
    url: str,
    duration: int | None = None,
    warmup: int | None = None,
    headers: Sequence[str] = (),
) -> WrkResult:
    """Check the URL answers 2xx, warm the server up, then measure."""
    check_ok(url)
    warmup = warmup_seconds() if warmup is None else warmup
    if warmup:
        wrk(url, warmup, headers)
    return wrk(url, seconds() if duration is None else duration, headers)


@dataclass(frozen=True)
class Side:
    """The measurements of one URL over the interleaved rounds."""

    name: str
    url: str
    runs: list[WrkResult]

    @property
    def requests_per_second(self) -> float:
        return statistics.median(run.requests_per_second for run in self.runs)

    @property
    def p50_ms(self) -> float:
        return statistics.median(run.p50_ms for run in self.runs)

    @property
    def p99_ms(self) -> float:
        return statistics.median(run.p99_ms for run in self.runs)

    @property
    def spread(self) -> tuple[float, float]:
        """The slowest and fastest round against the median, in per cent (-47, +35)."""
        median = self.requests_per_second
        rates = [run.requests_per_second for run in self.runs]
        return 100 * (min(rates) / median - 1), 100 * (max(rates) / median - 1)

    @property
    def spread_points(self) -> float:
        """Fastest minus slowest round, in points of the median (82 for -47 / +35)."""
        low, high = self.spread
        return high - low

    def spread_text(self) -> str:
        low, high = self.spread
        return f"{low:+.0f}% / {high:+.0f}%"

    def describe(self) -> str:
        """The median with the spread of the rounds and the median latencies."""
        return (
            f"{self.requests_per_second:8.0f} req/s  rounds {self.spread_text():<11}"
            f"  p50 {self.p50_ms:6.2f} ms  p99 {self.p99_ms:7.2f} ms"
        )

    def as_json(self) -> dict[str, object]:
        return {
            "name": self.name,
            "url": self.url,
            "median_requests_per_second": self.requests_per_second,
            "median_p50_ms": self.p50_ms,
            "median_p99_ms": self.p99_ms,
            "spread_percent": list(self.spread),
            "runs": [run.as_json() for run in self.runs],
        }


@dataclass(frozen=True)
class Comparison:
    reference: Side
    page: Side

    @property
    def ratio(self) -> float:
        """Ratio of the medians, page over reference (higher is better)."""
        return self.page.requests_per_second / self.reference.requests_per_second

    def as_json(self) -> dict[str, object]:
        return {
            "reference": self.reference.as_json(),
            "page": self.page.as_json(),
            "ratio_of_medians": self.ratio,
        }


def interleave_all(
    sides: list[tuple[str, str]],
    n_rounds: int | None = None,
    headers: Mapping[str, Sequence[str]] | None = None,
) -> dict[str, Side]:
    """Measure every ``(name, url)`` in turn, round after round, and keep every run;
    ``headers`` gives a side's extra request headers by its name.

    Interleaving spreads the machine's noise over all sides instead of letting it land
    on one.
    """
    headers = headers or {}
    n_rounds = rounds() if n_rounds is None else n_rounds
    runs: dict[str, list[WrkResult]] = {name: [] for name, _ in sides}
    width = max(len(name) for name, _ in sides)
    for number in range(1, n_rounds + 1):
        for name, url in sides:
            result = measure(url, headers=headers.get(name, ()))
            runs[name].append(result)
            print(f"  round {number}/{n_rounds}  {name:<{width}}  {result.describe()}", flush=True)
    return {name: Side(name, url, runs[name]) for name, url in sides}


def interleave(
    reference: tuple[str, str], page: tuple[str, str], n_rounds: int | None = None
) -> Comparison:
    """Measure reference, page, reference, page… and keep every run.

    ``reference`` and ``page`` are ``(name, url)``.
    """
    sides = interleave_all([reference, page], n_rounds)
    return Comparison(reference=sides[reference[0]], page=sides[page[0]])
