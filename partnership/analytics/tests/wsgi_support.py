"""Browsing through the real WSGI stack (``ProxyHeaderGuard`` → ``AnalyticsLayer`` →
Django) with a cookie jar per visitor, as a browser would, inside the test database."""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any

from django.test.client import ClientHandler

from partnership.analytics.access_log import AccessLogWriter
from partnership.analytics.buffer import CounterBuffer
from partnership.analytics.wsgi import AnalyticsLayer
from partnership.core.wsgi import ProxyHeaderGuard

BEACON = re.compile(r'<img class="stats-beacon" src="([^"]+)"')
CHROME = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/130.0.0.0 Safari/537.36"
)


def django_app() -> Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]:
    """Django as a WSGI callable that leaves the test's database connection open."""
    handler = ClientHandler(enforce_csrf_checks=True)

    def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        response: Any = handler(environ)
        headers = list(response.items())
        headers += [("Set-Cookie", m.OutputString()) for m in response.cookies.values()]
        start_response(f"{response.status_code} {response.reason_phrase}", headers)
        return [response.content]

    return app


def stack(
    *, log_dir: Path, buffer: CounterBuffer | None = None
) -> tuple[ProxyHeaderGuard, CounterBuffer]:
    counters = buffer or CounterBuffer(flush_seconds=60, background=False)
    layer = AnalyticsLayer(django_app(), buffer=counters, access_log=AccessLogWriter(log_dir))
    return ProxyHeaderGuard(layer), counters


@dataclass
class Answer:
    status: int
    headers: list[tuple[str, str]]
    body: bytes

    def header(self, name: str) -> str | None:
        return next((v for k, v in self.headers if k.lower() == name.lower()), None)

    def set_cookies(self) -> list[str]:
        return [v for k, v in self.headers if k.lower() == "set-cookie"]


def environ_for(
    path: str,
    *,
    query: str = "",
    method: str = "GET",
    host: str = "testserver",
    address: str = "81.2.69.160",
    headers: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    environ: dict[str, Any] = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SCRIPT_NAME": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": host,
        "REMOTE_ADDR": address,
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": io.StringIO(),
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    for name, value in (headers or {}).items():
        environ["HTTP_" + name.upper().replace("-", "_")] = value
    return environ


def call(app: Any, environ: dict[str, Any]) -> Answer:
    started: dict[str, Any] = {}

    def start_response(status: str, headers: list[tuple[str, str]], *exc: Any) -> None:
        started.update(status=int(status.split()[0]), headers=headers)

    body = app(environ, start_response)
    try:
        content = b"".join(body)
    finally:
        close = getattr(body, "close", None)  # as a WSGI server does: only if it has one
        if close is not None:
            close()
    return Answer(started["status"], started["headers"], content)


@dataclass
class Visitor:
    """One browser: its own cookie jar (or none), address and headers."""

    app: Any
    address: str = "81.2.69.160"
    user_agent: str = CHROME
    accepts_cookies: bool = True
    extra_headers: dict[str, str] = field(default_factory=dict)
    jar: dict[str, str] = field(default_factory=dict)

    def get(self, path: str, *, query: str = "", referer: str = "") -> Answer:
        headers = {"User-Agent": self.user_agent, **self.extra_headers}
        if referer:
            headers["Referer"] = referer
        if self.jar:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.jar.items())
        answer = call(
            self.app, environ_for(path, query=query, address=self.address, headers=headers)
        )
        if self.accepts_cookies:
            for raw in answer.set_cookies():
                parsed: SimpleCookie = SimpleCookie()
                parsed.load(raw)
                for name, morsel in parsed.items():
                    if morsel["max-age"] == "0":
                        self.jar.pop(name, None)
                    else:
                        self.jar[name] = morsel.value
        return answer

    def view(self, path: str, *, referer: str = "") -> tuple[Answer, Answer | None]:
        """Load a page, then its beacon as the browser's <img> would."""
        page = self.get(path, referer=referer)
        found = BEACON.search(page.body.decode())
        if found is None:
            return page, None
        beacon_path, _, query = found.group(1).replace("&amp;", "&").partition("?")
        return page, self.get(beacon_path, query=query)
