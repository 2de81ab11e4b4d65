"""The access log for troubleshooting (P4): one line per request, daily files.

A line is tab-separated: UTC time, method, path, status, duration in ms, client
address, user agent. Never a query string, a body, a cookie or an authorisation
header; a path with parameters in it (a password-reset link's token, say) is logged
as its route pattern, and an unmatched path under such a route as that route's fixed
start. Files are ``access-YYYY-MM-DD.log`` by Europe/London day, appended to with one
``write()`` per line on an ``O_APPEND`` descriptor, so several worker processes can
share a file without interleaving lines.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import threading
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.exceptions import Resolver404
from django.urls.resolvers import RoutePattern

from partnership.core import clock
from partnership.core.private_files import make_private_dir, open_private

FILE_GLOB = "access-*.log"
FILE_NAME = re.compile(r"access-(?P<date>\d{4}-\d{2}-\d{2})\.log")
MAX_PATH = 300
MAX_USER_AGENT = 256
UNMATCHED = "<unmatched>"
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\\]")


def file_name(day: dt.date) -> str:
    return f"access-{day.isoformat()}.log"


def file_day(path: Path) -> dt.date | None:
    match = FILE_NAME.fullmatch(path.name)
    if match is None:
        return None
    try:
        return dt.date.fromisoformat(match.group("date"))
    except ValueError:
        return None


def _escaped(text: str, limit: int) -> str:
    clipped = text[:limit]
    return _UNSAFE.sub(lambda match: f"\\x{ord(match.group()):02x}", clipped) or "-"


# --- Paths without secrets -----------------------------------------------------------
def _routes(patterns: list[URLPattern | URLResolver], prefix: str) -> Iterator[str]:
    for pattern in patterns:
        route = prefix + (
            str(pattern.pattern) if isinstance(pattern.pattern, RoutePattern) else "<regex>"
        )
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern.url_patterns, route)
        else:
            yield route


@lru_cache(maxsize=1)
def parameterised_prefixes() -> tuple[str, ...]:
    """The fixed start of every route that takes parameters (``/account/password-reset/``)."""
    with_parameters = {
        "/" + route.split("<", 1)[0]
        for route in _routes(get_resolver().url_patterns, "")
        if "<" in route
    }
    return tuple(sorted(with_parameters, key=len, reverse=True))


@lru_cache(maxsize=2048)
def loggable_path(path: str) -> str:
    """The path as logged: itself, or its route pattern when it carries parameters."""
    try:
        match = get_resolver().resolve(path)
    except Resolver404:
        prefix = next((p for p in parameterised_prefixes() if path.startswith(p)), None)
        if prefix is not None and len(path) > len(prefix):
            return prefix + UNMATCHED
        return path
    if match.args or match.kwargs:
        return "/" + str(match.route)
    return path


def line(
    *,
    at: dt.datetime,
    method: str,
    path: str,
    status: int,
    duration_ms: float,
    address: str,
    user_agent: str,
) -> str:
    stamp = at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.") + f"{at.microsecond // 1000:03d}Z"
    fields = (
        stamp,
        _escaped(method, 16),
        _escaped(loggable_path(path[:MAX_PATH]), MAX_PATH),
        str(status),
        f"{duration_ms:.1f}",
        _escaped(address, 45),
        _escaped(user_agent, MAX_USER_AGENT),
    )
    return "\t".join(fields) + "\n"


def addresses_in(path: Path) -> Iterator[str]:
    """The client address of each line of a file (for the country roll-up)."""
    with path.open("r", encoding="utf-8", errors="replace") as lines:
        for text in lines:
            parts = text.split("\t")
            if len(parts) >= 7:
                yield parts[5]


# --- Writing -------------------------------------------------------------------------
class AccessLogWriter:
    """Appends lines to today's file; one descriptor per process, reopened each day."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._lock = threading.Lock()
        self._day: dt.date | None = None
        self._fd: int | None = None

    def write(self, text: str, *, at: dt.datetime | None = None) -> None:
        day = (at or clock.now()).astimezone(clock.LONDON).date()
        data = text.encode("utf-8", "replace")
        with self._lock:
            fd = self._descriptor(day)
            # One write() per line on O_APPEND: each line lands whole at the end.
            os.write(fd, data)

    def record(
        self,
        *,
        at: dt.datetime,
        method: str,
        path: str,
        status: int,
        duration_ms: float,
        address: str,
        user_agent: str,
    ) -> None:
        """Write one request's line (``line``), in the file of the day it came in."""
        entry = line(
            at=at,
            method=method,
            path=path,
            status=status,
            duration_ms=duration_ms,
            address=address,
            user_agent=user_agent,
        )
        self.write(entry, at=at)

    def _descriptor(self, day: dt.date) -> int:
        if self._fd is not None and self._day == day:
            return self._fd
        self.close_locked()
        make_private_dir(self.directory)
        self._fd = open_private(self.directory / file_name(day), os.O_WRONLY | os.O_APPEND)
        self._day = day
        return self._fd

    def close_locked(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
        self._fd = None
        self._day = None

    def close(self) -> None:
        with self._lock:
            self.close_locked()
