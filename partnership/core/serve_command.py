"""The web server's command line for ``bin/serve`` (docs/operations.md), built in one place.

``WEB_SERVER`` chooses the server: ``granian`` (the default) or ``gunicorn`` (kept
runnable for one release, configured by ``partnership/gunicorn_conf.py``). Both read
``HOST``, ``PORT``, ``WEB_WORKERS`` and ``WEB_THREADS`` through ``serve_settings``, so
the two cannot disagree on a default. Run as ``python -m partnership.core.serve_command``
it replaces itself with the chosen server (the process id stays, so signals sent to it
reach the server's master).

This module imports nothing of Django: gunicorn's config file and the benchmarks read
it too, before any settings exist.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

APPLICATION = "partnership.wsgi:application"
SERVERS = ("granian", "gunicorn")
DEFAULT_THREADS = 2
# granian: respawn each worker after six hours, so slow leaks cannot grow without bound
# (gunicorn's max_requests; granian counts time, not requests). A new worker starts
# before the old one stops, one worker at a time.
WORKERS_LIFETIME_SECONDS = 6 * 60 * 60
# …and sooner if one grows past this (bench/worker_memory.py expects ≤ 150 MB).
WORKERS_MAX_RSS_MIB = 400
# Graceful stop: a worker finishes its requests in flight for this long, then is killed
# (gunicorn's graceful_timeout).
WORKERS_KILL_TIMEOUT_SECONDS = 10
# A request's line and headers must arrive within this (slow clients), and fit in this
# buffer, else the connection is answered 4xx or closed.
HEADER_READ_TIMEOUT_MS = 10_000
HTTP1_BUFFER_BYTES = 16 * 1024


class ServeConfigError(ValueError):
    """The environment names a server or a number that cannot be served."""


@dataclass(frozen=True)
class ServeSettings:
    server: str
    host: str
    port: int
    workers: int
    threads: int


def _number(environ: Mapping[str, str], name: str, default: int, minimum: int = 1) -> int:
    raw = environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ServeConfigError(f"{name} must be a whole number, not {raw!r}") from None
    if value < minimum:
        raise ServeConfigError(f"{name} must be at least {minimum}, not {value}")
    return value


def default_workers() -> int:
    return 2 * (os.cpu_count() or 1) + 1


def serve_settings(environ: Mapping[str, str]) -> ServeSettings:
    server = environ.get("WEB_SERVER", "").strip().lower() or SERVERS[0]
    if server not in SERVERS:
        raise ServeConfigError(
            f"WEB_SERVER must be {' or '.join(repr(s) for s in SERVERS)}, "
            f"not {environ.get('WEB_SERVER', '')!r}"
        )
    port = _number(environ, "PORT", 8000)
    if port > 65535:
        raise ServeConfigError(f"PORT must be at most 65535, not {port}")
    return ServeSettings(
        server=server,
        host=environ.get("HOST", "").strip() or "127.0.0.1",
        port=port,
        workers=_number(environ, "WEB_WORKERS", default_workers()),
        threads=_number(environ, "WEB_THREADS", DEFAULT_THREADS),
    )


def granian_command(
    settings: ServeSettings, *, bin_dir: Path, application: str = APPLICATION
) -> list[str]:
    return [
        str(bin_dir / "granian"),
        "--interface=wsgi",
        "--http=1",  # what nginx speaks to the site, and all gunicorn spoke
        "--no-ws",
        f"--host={settings.host}",
        f"--port={settings.port}",
        f"--workers={settings.workers}",
        # The Python threads that run the site in each worker.
        f"--blocking-threads={settings.threads}",
        # The access log is the application's own (analytics); granian's stays off.
        "--no-access-log",
        # Forwarded headers are judged by partnership.core.wsgi against TRUSTED_PROXIES:
        # granian passes X-Forwarded-* through untouched and sets REMOTE_ADDR to the peer.
        "--respawn-failed-workers",
        f"--workers-lifetime={WORKERS_LIFETIME_SECONDS}",
        f"--workers-max-rss={WORKERS_MAX_RSS_MIB}",
        f"--workers-kill-timeout={WORKERS_KILL_TIMEOUT_SECONDS}",
        f"--http1-header-read-timeout={HEADER_READ_TIMEOUT_MS}",
        f"--http1-buffer-size={HTTP1_BUFFER_BYTES}",
        # --backpressure stays at granian's default (backlog / workers): it bounds the
        # connections a worker holds open, idle keep-alive ones included, so a small
        # value would leave clients waiting behind idle connections.
        application,
    ]


def gunicorn_command(
    settings: ServeSettings, *, bin_dir: Path, application: str = APPLICATION
) -> list[str]:
    # partnership/gunicorn_conf.py reads the same variables through serve_settings.
    return [
        str(bin_dir / "gunicorn"),
        "--config",
        "python:partnership.gunicorn_conf",
        application,
    ]


def serve_command(
    environ: Mapping[str, str],
    *,
    bin_dir: Path | None = None,
    application: str = APPLICATION,
) -> list[str]:
    """The command that serves ``application`` as ``environ`` asks (ServeConfigError if not)."""
    settings = serve_settings(environ)
    directory = Path(sys.executable).parent if bin_dir is None else bin_dir
    build = granian_command if settings.server == "granian" else gunicorn_command
    return build(settings, bin_dir=directory, application=application)


def main(argv: Sequence[str] | None = None) -> int:
    """``[--check] [APPLICATION]``: check the environment only, or exec the server."""
    parser = argparse.ArgumentParser(prog="python -m partnership.core.serve_command")
    parser.add_argument("--check", action="store_true", help="check the settings and exit")
    parser.add_argument("application", nargs="?", default=APPLICATION)
    args = parser.parse_args(argv)
    try:
        command = serve_command(os.environ, application=args.application)
    except ServeConfigError as exc:
        print(f"bin/serve: {exc}", file=sys.stderr)
        return 2
    if args.check:
        return 0
    sys.stdout.flush()
    os.execv(command[0], command)  # noqa: S606 (our own venv's server, no shell)


if __name__ == "__main__":
    sys.exit(main())
