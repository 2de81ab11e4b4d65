"""Statistics hits are buffered per worker and flushed every STATS_FLUSH_SECONDS: a
worker killed mid-traffic loses at most the hits of one flush interval (DESIGN §5).

Serves the site as bin/serve does (granian, partnership/core/serve_command.py) on a
fresh SQLite database, sends beacon hits from two threads, SIGKILLs one worker (a
child process of granian's master, which respawns it), keeps sending, stops the server
gracefully (the other workers flush at exit) and reads the counters.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import signal
import sqlite3
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.e2e.conftest import REPO, _free_port, _healthy

pytestmark = pytest.mark.e2e

FLUSH_SECONDS = 1
CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0"


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError):
            stat = (entry / "stat").read_text()
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return sorted(found)


def test_a_killed_worker_loses_at_most_one_flush_interval(tmp_path: Path) -> None:
    var_dir = Path(tempfile.mkdtemp(prefix="partnership-e2e-stats-"))
    (var_dir / "static").mkdir()
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    env = dict(os.environ)
    env.update(
        HTTPS="off",
        VAR_DIR=str(var_dir),
        PORT=str(port),
        WEB_WORKERS="2",
        WEB_THREADS="2",
        STATS_FLUSH_SECONDS=str(FLUSH_SECONDS),
    )
    env.pop("DATABASE_URL", None)
    env.pop("HOST", None)
    python = str(REPO / ".venv" / "bin" / "python")
    subprocess.run(
        [python, "manage.py", "migrate", "--noinput", "-v0"], cwd=REPO, env=env, check=True
    )
    env.pop("WEB_SERVER", None)  # the default server, granian
    server = subprocess.Popen(
        # Replaces itself with granian: server.pid is granian's master, its children
        # are the workers.
        [python, "-m", "partnership.core.serve_command"],
        cwd=REPO,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    acknowledged: list[float] = []
    lock = threading.Lock()
    stop = threading.Event()
    today = dt.datetime.now(ZoneInfo("Europe/London")).date().isoformat()

    def send() -> None:
        request = urllib.request.Request(  # noqa: S310 (our own http:// URL)
            f"{url}/s/hit?a=%2Fcard%2F",
            headers={"Cookie": f"stats={today}.02", "User-Agent": CHROME},
        )
        while not stop.is_set():
            with (
                contextlib.suppress(urllib.error.URLError, OSError),
                urllib.request.urlopen(request, timeout=2) as response,  # noqa: S310
            ):
                if response.status == 200:
                    with lock:
                        acknowledged.append(time.monotonic())

    try:
        deadline = time.monotonic() + 30
        while not _healthy(url):
            assert server.poll() is None, "granian exited"
            assert time.monotonic() < deadline, "granian did not answer /healthz"
            time.sleep(0.2)
        senders = [threading.Thread(target=send) for _ in range(2)]
        for thread in senders:
            thread.start()
        time.sleep(3)
        workers = _children(server.pid)
        assert len(workers) == 2, workers
        victim = workers[0]
        os.kill(victim, signal.SIGKILL)
        killed_at = time.monotonic()
        time.sleep(3)
        # granian's master respawned the killed worker (--respawn-failed-workers).
        respawned = _children(server.pid)
        stop.set()
        for thread in senders:
            thread.join()
        time.sleep(FLUSH_SECONDS + 1)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            server.wait(timeout=15)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGKILL)

    with contextlib.closing(sqlite3.connect(var_dir / "db.sqlite3")) as db:
        row = db.execute(
            "SELECT COALESCE(SUM(views), 0) FROM analytics_dailyareacount WHERE area = '*'"
        ).fetchone()
    shutil.rmtree(var_dir, ignore_errors=True)
    assert victim not in respawned, respawned
    assert len(respawned) == 2, respawned
    counted = int(row[0])
    sent = len(acknowledged)
    # What any worker acknowledged within one flush interval (and a margin for the
    # flush's own time) before the kill: an upper bound on what the victim held.
    window = FLUSH_SECONDS + 0.5
    at_risk = sum(1 for at in acknowledged if killed_at - window <= at <= killed_at)
    assert sent > 100
    assert sent - at_risk <= counted <= sent, (sent, at_risk, counted)
