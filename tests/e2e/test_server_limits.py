"""What granian's settings decide (partnership/core/serve_command.py, docs/operations.md):
oversize or too many header fields, a client too slow to send its headers, and a
graceful reload under load.

On Linux each granian worker has its own listening socket (SO_REUSEPORT): a worker
being replaced drops the connections queued on its socket unless the kernel moves them
to another (``net.ipv4.tcp_migrate_req=1``, a deployment step in docs/operations.md).
Without it the reload test checks that what was lost was only such resets.

The site runs as bin/serve execs it (granian, two workers) on a fresh SQLite database.
While a bad request is being refused, another client must still be answered.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from partnership.core import serve_command
from tests.e2e.conftest import REPO, _free_port, _healthy
from tests.e2e.test_stats_worker_kill import _children

pytestmark = pytest.mark.e2e

PYTHON = str(REPO / ".venv" / "bin" / "python")
MIGRATE_REQ = Path("/proc/sys/net/ipv4/tcp_migrate_req")


def _queued_connections_migrate() -> bool:
    try:
        return MIGRATE_REQ.read_text().strip() == "1"
    except OSError:
        return False


@dataclass(frozen=True)
class Site:
    url: str
    port: int
    master: int


@pytest.fixture(scope="module")
def site() -> Iterator[Site]:
    var_dir = Path(tempfile.mkdtemp(prefix="partnership-e2e-server-"))
    port = _free_port()
    env = dict(os.environ)
    env.update(HTTPS="off", VAR_DIR=str(var_dir), PORT=str(port), WEB_WORKERS="2")
    for variable in ("DATABASE_URL", "REDIS_URL", "HOST", "WEB_SERVER"):
        env.pop(variable, None)
    subprocess.run(
        [PYTHON, "manage.py", "migrate", "--noinput", "-v0"], cwd=REPO, env=env, check=True
    )
    server = subprocess.Popen(
        [PYTHON, "-m", "partnership.core.serve_command"],
        cwd=REPO,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while not (_healthy(url) and len(_children(server.pid)) == 2):
            assert server.poll() is None, "granian exited"
            assert time.monotonic() < deadline, "granian did not answer /healthz"
            time.sleep(0.2)
        yield Site(url=url, port=port, master=server.pid)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            server.wait(timeout=20)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGKILL)
        shutil.rmtree(var_dir, ignore_errors=True)


def _raw(site: Site, request: bytes, timeout: float = 5.0) -> bytes:
    """Send ``request`` on a fresh connection; the status line that comes back (or b"")."""
    with socket.create_connection(("127.0.0.1", site.port), timeout=timeout) as conn:
        conn.sendall(request)
        answer = b""
        with contextlib.suppress(ConnectionResetError):
            while b"\r\n" not in answer:
                chunk = conn.recv(4096)
                if not chunk:
                    break
                answer += chunk
    return answer.split(b"\r\n", 1)[0]


def _answered(site: Site) -> bool:
    return _healthy(site.url)


def test_headers_over_the_buffer_are_refused_with_431(site: Site) -> None:
    big = b"a" * (serve_command.HTTP1_BUFFER_BYTES + 1024)
    request = b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + big + b"\r\n\r\n"

    assert _raw(site, request) == b"HTTP/1.1 431 Request Header Fields Too Large"
    assert _answered(site)


def test_headers_within_the_buffer_are_served(site: Site) -> None:
    padding = b"a" * 8000  # the old gunicorn limit per header line was 8190
    request = b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Pad: " + padding + b"\r\n\r\n"

    assert _raw(site, request) == b"HTTP/1.1 200 OK"


def test_more_than_a_hundred_header_fields_are_refused_with_431(site: Site) -> None:
    fields = b"".join(b"X-Field-%d: x\r\n" % n for n in range(120))
    request = b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n" + fields + b"\r\n"

    assert _raw(site, request) == b"HTTP/1.1 431 Request Header Fields Too Large"
    assert _answered(site)


def test_a_client_too_slow_with_its_headers_is_cut_off_while_others_are_served(
    site: Site,
) -> None:
    limit = serve_command.HEADER_READ_TIMEOUT_MS / 1000
    with socket.create_connection(("127.0.0.1", site.port), timeout=limit + 10) as slow:
        slow.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # and never the end
        started = time.monotonic()
        assert _answered(site)  # another client, meanwhile
        with contextlib.suppress(ConnectionResetError):
            rest = slow.recv(4096)
            while rest and b"\r\n" not in rest:
                rest += slow.recv(4096)
        waited = time.monotonic() - started

    # Closed (or answered 408) once the header read timeout has passed, not before.
    assert not rest or rest.startswith(b"HTTP/1.1 408")
    assert limit - 1 <= waited <= limit + 5, waited


def test_a_reload_under_load_replaces_every_worker_and_drops_no_request(site: Site) -> None:
    migrate = _queued_connections_migrate()
    before = _children(site.master)
    assert len(before) == 2
    answered: list[int] = []
    failures: list[str] = []
    stop = threading.Event()

    def load() -> None:
        while not stop.is_set():
            try:
                with urllib.request.urlopen(f"{site.url}/healthz", timeout=10) as response:  # noqa: S310
                    answered.append(response.status)
            except (urllib.error.URLError, OSError) as exc:
                failures.append(repr(exc))

    clients = [threading.Thread(target=load) for _ in range(4)]
    for client in clients:
        client.start()
    try:
        time.sleep(1)
        os.kill(site.master, signal.SIGHUP)
        deadline = time.monotonic() + 60
        while True:
            now = _children(site.master)
            if len(now) == 2 and not set(now) & set(before):
                break
            assert time.monotonic() < deadline, f"workers not replaced: {before} -> {now}"
            time.sleep(0.2)
        time.sleep(1)
    finally:
        stop.set()
        for client in clients:
            client.join()

    assert len(answered) > 100
    assert set(answered) == {200}
    assert _answered(site)
    if migrate:
        assert failures == []
    else:
        # Only connections queued on a stopping worker's own socket were reset.
        resets = ("ConnectionResetError", "RemoteDisconnected")
        assert [f for f in failures if not f.startswith(resets)] == []
        assert len(failures) <= len(answered) // 100, (len(failures), len(answered))
