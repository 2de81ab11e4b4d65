"""Servers under test, each in its own process group, killed as a group on exit.

``site()`` starts the site exactly as ``make run`` does (``bin/serve`` with
``HTTPS=off``: granian, or gunicorn when ``WEB_SERVER=gunicorn``), on a free port and
with ``VAR_DIR`` under ``var/bench/`` so the developer's database and secrets are left
alone. ``hello()`` serves a reference on either server with the command line
``bin/serve`` would use (``partnership/core/serve_command.py``) and the same worker
environment: the Django hello of DESIGN.md §6 (``bench.hello_app``) or the bare WSGI
hello (``bench.wsgi_hello_app``, no Django: the server's own limit).
"""

from __future__ import annotations

import dataclasses
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from bench.result import BenchError
from partnership.core.serve_command import ServeConfigError, serve_command, serve_settings

REPO = Path(__file__).resolve().parent.parent
BENCH_VAR = REPO / "var" / "bench"
LOG_DIR = BENCH_VAR / "logs"
SITE_VAR_DIR = BENCH_VAR / "site"
VENV_BIN = REPO / ".venv" / "bin"
# Environment the worker settings are read from; every server gets the same values.
WORKER_VARIABLES = ("WEB_WORKERS", "WEB_THREADS")
DJANGO_HELLO = "bench.hello_app:application"
STACK_HELLO = "bench.stack_hello_app:application"
WSGI_HELLO = "bench.wsgi_hello_app:application"
SERVER_NAMES = ("granian", "gunicorn")


@dataclass(frozen=True)
class WorkerSettings:
    worker_class: str
    workers: int
    threads: int
    server: str = "gunicorn"

    def describe(self) -> str:
        return f"{self.server} {self.worker_class}, {self.workers} workers x {self.threads} threads"


@dataclass(frozen=True)
class Server:
    name: str
    base_url: str
    pgid: int
    settings: WorkerSettings
    running_workers: int
    log: Path
    storage: str = "none"

    def url(self, path: str = "/") -> str:
        return self.base_url + path


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def base_env(name: str, port: int) -> dict[str, str]:
    """The caller's environment with a free ``PORT``; worker variables pass through.

    gunicorn (23+) opens a control socket at ``$XDG_RUNTIME_DIR/gunicorn.ctl`` (else
    ``~/.gunicorn/gunicorn.ctl``): each server gets its own directory under
    ``var/bench/run/`` so neither takes over the socket of a developer's ``make run``.
    """
    env = dict(os.environ)
    env["PORT"] = str(port)
    env.pop("HOST", None)
    runtime_dir = BENCH_VAR / "run" / name
    runtime_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    env["XDG_RUNTIME_DIR"] = str(runtime_dir)
    return env


def worker_settings(env: Mapping[str, str]) -> WorkerSettings:
    """What ``bin/serve`` decides under ``env`` (partnership/core/serve_command.py)."""
    try:
        settings = serve_settings(env)
    except ServeConfigError as exc:
        raise BenchError(f"cannot serve with this environment: {exc}") from exc
    worker_class = "wsgi" if settings.server == "granian" else "gthread"
    return WorkerSettings(worker_class, settings.workers, settings.threads, settings.server)


def _group_processes(pgid: int) -> dict[int, tuple[int, str]]:
    """pid → (parent pid, command line) of every live process in the group (Linux /proc)."""
    found: dict[int, tuple[int, str]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        # Fields after the parenthesised command name: state ppid pgrp …
        state, ppid, pgrp = stat.rsplit(")", 1)[1].split()[:3]
        if int(pgrp) == pgid and state != "Z":
            found[int(entry.name)] = (int(ppid), cmdline)
    return found


def worker_pids(pgid: int) -> list[int]:
    """The server's workers in the group: server processes whose parent is the master.

    granian and gunicorn both fork their workers from a master whose command line
    they share; the master's own parent (the shell of ``bin/serve``) is neither.
    """
    processes = _group_processes(pgid)
    # By the program's name (argv[0], or argv[1] after the interpreter), not a substring
    # of the command line: a checkout's path may well contain "granian".
    servers = {
        pid
        for pid, (_, cmdline) in processes.items()
        if any(Path(arg).name in SERVER_NAMES for arg in cmdline.split()[:2])
    }
    masters = {pid for pid in servers if processes[pid][0] not in servers}
    return sorted(pid for pid in servers if processes[pid][0] in masters)


def count_workers(pgid: int) -> int:
    return len(worker_pids(pgid))


def _tail(log: Path, lines: int = 30) -> str:
    try:
        return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (our own http URL)
            status: int = response.status
            return status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, b""


def _wait_ready(
    process: subprocess.Popen[bytes],
    server: Server,
    ready_path: str,
    timeout: float,
) -> int:
    """Wait until ``ready_path`` answers 200 and every configured worker runs."""
    deadline = time.monotonic() + timeout
    status = 0
    workers = 0
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise BenchError(
                f"{server.name} server exited with status {process.returncode} before it "
                f"was ready; end of {server.log}:\n{_tail(server.log)}"
            )
        try:
            status, _ = _get(server.url(ready_path))
        except OSError:
            status = 0
        if status == 200:
            workers = count_workers(server.pgid)
            if workers >= server.settings.workers:
                return workers
        time.sleep(0.2)
    raise BenchError(
        f"{server.name} server not ready after {timeout:.0f}s (GET {ready_path}: {status}, "
        f"{workers}/{server.settings.workers} workers); end of {server.log}:\n"
        f"{_tail(server.log)}"
    )


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _stop(process: subprocess.Popen[bytes], pgid: int) -> None:
    """SIGTERM the whole group (the server stops gracefully), SIGKILL what is left."""
    for sig, grace in ((signal.SIGTERM, 15.0), (signal.SIGKILL, 5.0)):
        with suppress(ProcessLookupError):
            os.killpg(pgid, sig)
        deadline = time.monotonic() + grace
        while time.monotonic() < deadline:
            process.poll()
            if not _group_alive(pgid):
                process.wait()
                return
            time.sleep(0.1)
    process.wait()


@contextmanager
def _serve(
    name: str,
    command: list[str],
    env: dict[str, str],
    port: int,
    ready_path: str,
    timeout: float,
    storage: str = "none",
) -> Iterator[Server]:
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    log = LOG_DIR / f"{name}.log"
    settings = worker_settings(env)
    with log.open("wb") as out:
        process = subprocess.Popen(
            command,
            cwd=REPO,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        # start_new_session makes the child a session and group leader: pgid == pid.
        server = Server(
            name=name,
            base_url=f"http://127.0.0.1:{port}",
            pgid=process.pid,
            settings=settings,
            running_workers=0,
            log=log,
            storage=storage,
        )
        try:
            workers = _wait_ready(process, server, ready_path, timeout)
            yield dataclasses.replace(server, running_workers=workers)
        finally:
            _stop(process, server.pgid)


def bench_storage() -> dict[str, str]:
    """``DATABASE_URL``/``REDIS_URL`` for a benchmark's site: ``BENCH_DATABASE_URL`` and
    ``BENCH_REDIS_URL`` when set, else none (SQLite under the site's ``VAR_DIR``)."""
    return {
        variable: os.environ[f"BENCH_{variable}"]
        for variable in ("DATABASE_URL", "REDIS_URL")
        if os.environ.get(f"BENCH_{variable}")
    }


@contextmanager
def site(
    var_dir: Path = SITE_VAR_DIR,
    timeout: float = 600.0,
    server_name: str = "granian",
    storage: Mapping[str, str] | None = None,
) -> Iterator[Server]:
    """The site as ``make run`` serves it: ``bin/serve`` with ``HTTPS=off``.

    It runs on its own SQLite database under ``var_dir`` (created, migrated and seeded
    on first use, then reused) unless ``storage`` (default ``bench_storage()``) names
    a ``DATABASE_URL`` and/or ``REDIS_URL``: the caller's own ``DATABASE_URL`` and
    ``REDIS_URL`` are never used, so the developer's data is left alone.
    ``server_name`` is ``WEB_SERVER`` (granian, the site's server, by default).
    """
    port = free_port()
    env = base_env(f"site-{var_dir.name}", port)
    env["HTTPS"] = "off"
    env["VAR_DIR"] = str(var_dir)
    env["WEB_SERVER"] = server_name
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    env.update(bench_storage() if storage is None else storage)
    var_dir.mkdir(parents=True, exist_ok=True)
    described = (
        ("PostgreSQL" if "DATABASE_URL" in env else f"SQLite in {var_dir}")
        + ", "
        + ("Redis" if "REDIS_URL" in env else "no Redis")
    )
    command = [str(REPO / "bin" / "serve")]
    with _serve(f"site-{var_dir.name}", command, env, port, "/healthz", timeout, described) as (
        server
    ):
        yield server


@contextmanager
def stack_hello(var_dir: Path = SITE_VAR_DIR, timeout: float = 120.0) -> Iterator[Server]:
    """The hello through the site's whole stack (``bench.stack_hello_app``), on granian
    with the site's command line, workers, local mode and ``VAR_DIR`` (secrets and a
    database ``site()`` has already migrated there)."""
    port = free_port()
    env = base_env("stack-hello", port)
    env.update(HTTPS="off", VAR_DIR=str(var_dir), WEB_SERVER="granian")
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    env.update(bench_storage())
    try:
        command = serve_command(env, bin_dir=VENV_BIN, application=STACK_HELLO)
    except ServeConfigError as exc:
        raise BenchError(f"cannot serve with this environment: {exc}") from exc
    with _serve("stack-hello", command, env, port, "/", timeout, "as the site's") as server:
        yield server


@contextmanager
def hello(
    server_name: str = "granian",
    application: str = DJANGO_HELLO,
    name: str | None = None,
    timeout: float = 120.0,
) -> Iterator[Server]:
    """A hello reference on ``server_name``, with the command line and workers of the site."""
    name = name or f"hello-{server_name}"
    port = free_port()
    env = base_env(name, port)
    env["WEB_SERVER"] = server_name
    try:
        command = serve_command(env, bin_dir=VENV_BIN, application=application)
    except ServeConfigError as exc:
        raise BenchError(f"cannot serve with this environment: {exc}") from exc
    with _serve(name, command, env, port, "/", timeout) as server:
        yield server
