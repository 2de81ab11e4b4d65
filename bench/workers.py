"""The site's server workers (granian or gunicorn) seen from outside: which processes,
their memory, the requests each received on its connections, and pausing them
(bench/worker_memory.py)."""

from __future__ import annotations

import os
import re
import signal
import subprocess
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from bench import server
from bench.result import BenchError


def workers(pgid: int) -> list[int]:
    """The server's workers: server processes whose parent is the master."""
    return server.worker_pids(pgid)


@dataclass(frozen=True)
class Memory:
    rss_kb: int
    peak_kb: int
    anon_kb: int

    @property
    def rss_mb(self) -> float:
        return self.rss_kb * 1024 / 1e6

    @property
    def peak_mb(self) -> float:
        return self.peak_kb * 1024 / 1e6


def memory(pid: int) -> Memory:
    fields: dict[str, int] = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM", "RssAnon"):
            fields[name] = int(value.split()[0])  # kB (1024 bytes)
    return Memory(rss_kb=fields["VmRSS"], peak_kb=fields["VmHWM"], anon_kb=fields["RssAnon"])


@dataclass(frozen=True)
class Connections:
    """The site's open connections: requests each worker received on its own, and the rest."""

    served: Counter[int]
    held: Counter[int]  # connections per worker
    unowned_requests: int  # on connections in no worker's hands (not accepted yet)


def connections(port: int, workers: list[int]) -> Connections:
    owner: dict[int, int] = {}
    for pid in workers:
        for fd in Path(f"/proc/{pid}/fd").iterdir():
            try:
                target = os.readlink(fd)
            except OSError:
                continue
            if match := re.fullmatch(r"socket:\[(\d+)\]", target):
                owner[int(match.group(1))] = pid
    completed = subprocess.run(
        ["ss", "-tinHe", "state", "established", "sport", "=", f":{port}"],
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode != 0:
        raise BenchError(f"ss failed: {completed.stderr.strip()}")
    served: Counter[int] = Counter()
    held: Counter[int] = Counter()
    unowned_requests = 0
    # One socket per block: its address line, then indented TCP_INFO lines.
    for block in re.split(r"\n(?=\S)", completed.stdout.strip()):
        inode = re.search(r"\bino:(\d+)", block)
        if inode is None:
            continue
        segments = re.search(r"\bdata_segs_in:(\d+)", block)  # absent when zero
        count = int(segments.group(1)) if segments else 0
        worker = owner.get(int(inode.group(1)))
        if worker is None:
            unowned_requests += count
        else:
            served[worker] += count
            held[worker] += 1
    return Connections(served, held, unowned_requests)


@contextmanager
def paused(pids: list[int]) -> Iterator[None]:
    """SIGSTOP these workers (so the others accept every new connection), SIGCONT after.

    Pauses last well under a second, far from gunicorn's worker timeout; neither
    gunicorn's master nor granian's reaps or respawns a stopped worker (``waitpid``
    without ``WUNTRACED``; multiprocessing's liveness check does not see a stopped
    process as ended).
    """
    stopped: list[int] = []
    try:
        for pid in pids:
            os.kill(pid, signal.SIGSTOP)
            stopped.append(pid)
        yield
    finally:
        for pid in stopped:
            os.kill(pid, signal.SIGCONT)
