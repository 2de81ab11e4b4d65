"""The thin WSGI layer around Django (DESIGN §4): the statistics beacon and the
access log.

``GET /s/hit`` is answered here, before Django's middleware stack, with the same host
check, security headers and cookie rules Django applies: it reads the statistics and
consent cookies, decides whether the hit counts, adds it to this process's buffer
(no database write) and rewrites the statistics cookie. Every request, Django's too,
gets one access-log line when its response is finished. It sits inside
``core.wsgi.ProxyHeaderGuard``, so a forwarded address is one a trusted proxy gave.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from django.conf import settings
from django.http.cookie import parse_cookie
from django.http.request import split_domain_port, validate_host

from partnership.analytics import cookie as stats_cookie
from partnership.analytics import hits
from partnership.analytics.access_log import AccessLogWriter
from partnership.analytics.buffer import CounterBuffer, counter_buffer
from partnership.analytics.hits import beacon_count
from partnership.consent.state import consent_cookie_name, statistics_allowed
from partnership.core import clock
from partnership.core.client_address import (
    CLIENT_ADDRESS,
    CLIENT_IP,
    Address,
    client_address_from_environ,
    parse_address,
)
from partnership.core.middleware import SECURITY_HEADERS

logger = logging.getLogger(__name__)

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]
BEACON_PATH = "/s/hit"
# Set by the ``stats_beacon`` template tag on the page's request (its META is this
# environ): "set" a fresh statistics cookie on the page's response, or "clear" it.
PAGE_COOKIE_ACTION = "partnership.analytics.page_cookie"
# A transparent 1x1 GIF.
PIXEL = bytes.fromhex(
    "47494638396101000100800000000000ffffff21f90401000000002c000000000100010000020144003b"
)


def beacon_headers(*, secure: bool) -> list[tuple[str, str]]:
    """What Django's security middleware and ours put on every response."""
    headers = [
        *SECURITY_HEADERS.items(),
        ("Cache-Control", "no-store"),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", str(settings.SECURE_REFERRER_POLICY)),
        ("Cross-Origin-Opener-Policy", str(settings.SECURE_CROSS_ORIGIN_OPENER_POLICY)),
        ("X-Frame-Options", str(settings.X_FRAME_OPTIONS)),
    ]
    if secure and settings.SECURE_HSTS_SECONDS:
        hsts = f"max-age={settings.SECURE_HSTS_SECONDS}"
        if settings.SECURE_HSTS_INCLUDE_SUBDOMAINS:
            hsts += "; includeSubDomains"
        if settings.SECURE_HSTS_PRELOAD:
            hsts += "; preload"
        headers.append(("Strict-Transport-Security", hsts))
    return headers


def host_allowed(environ: dict[str, Any]) -> bool:
    """Django's ``HttpRequest.get_host`` check against ``ALLOWED_HOSTS``."""
    if settings.USE_X_FORWARDED_HOST and "HTTP_X_FORWARDED_HOST" in environ:
        host = str(environ["HTTP_X_FORWARDED_HOST"])
    elif "HTTP_HOST" in environ:
        host = str(environ["HTTP_HOST"])
    else:
        host = f"{environ.get('SERVER_NAME', '')}:{environ.get('SERVER_PORT', '')}"
    allowed = list(settings.ALLOWED_HOSTS)
    if settings.DEBUG and not allowed:
        allowed = [".localhost", "127.0.0.1", "[::1]"]
    domain, _ = split_domain_port(host)
    return bool(domain) and validate_host(domain, allowed)


def is_secure(environ: dict[str, Any]) -> bool:
    header, value = settings.SECURE_PROXY_SSL_HEADER or (None, None)
    if header and header in environ:
        return str(environ[header]).split(",")[0].strip() == value
    return environ.get("wsgi.url_scheme") == "https"


class _LoggedBody:
    """The response body, passed through; its ``close()`` writes the log line."""

    def __init__(self, body: Iterable[bytes], on_close: Callable[[], None]) -> None:
        self.body = body
        self.on_close = on_close

    def __iter__(self) -> Iterator[bytes]:
        return iter(self.body)

    def close(self) -> None:
        try:
            close = getattr(self.body, "close", None)
            if close is not None:
                close()
        finally:
            self.on_close()


class AnalyticsLayer:
    def __init__(
        self,
        app: WSGIApp,
        *,
        buffer: CounterBuffer | None = None,
        access_log: AccessLogWriter | None = None,
    ) -> None:
        self.app = app
        self.buffer = buffer or counter_buffer()
        self.access_log = access_log or AccessLogWriter(Path(settings.ACCESS_LOG_DIR))
        self.excluded = list(settings.STATS_EXCLUDED_NETWORKS)
        self._log_failed = False
        # Worked out once per process, not per beacon: the settings do not change.
        self.stats_cookie = stats_cookie.cookie_name()
        self.consent_cookie = consent_cookie_name()
        self.set_cookie = stats_cookie.set_cookie_template()
        self.clear_cookie = stats_cookie.set_cookie("", max_age=0)
        self.headers = {secure: beacon_headers(secure=secure) for secure in (False, True)}

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        started = time.perf_counter()
        now = clock.now()
        if environ.get("PATH_INFO") == BEACON_PATH:
            # The beacon's whole answer is known at once: logged now, nothing wrapped.
            code, answer = self.beacon(environ, start_response, now=now)
            self._log(environ, code, started, now)
            return answer
        status: list[int] = [0]

        def respond(status_line: str, headers: list[tuple[str, str]], *exc: Any) -> Any:
            status[0] = int(status_line.split(" ", 1)[0])
            return start_response(status_line, self._page_cookie(environ, headers, now), *exc)

        body = self.app(environ, respond)
        return _LoggedBody(body, lambda: self._log(environ, status[0], started, now))

    # --- the beacon ------------------------------------------------------------------
    def beacon(
        self, environ: dict[str, Any], respond: Callable[..., Any], *, now: dt.datetime
    ) -> tuple[int, list[bytes]]:
        """Answer ``/s/hit``: its status code and body."""
        secure = is_secure(environ)
        headers = list(self.headers[secure])
        method = environ.get("REQUEST_METHOD", "GET")
        if not host_allowed(environ):
            return self._answer(respond, "400 Bad Request", headers, b"Bad Request", method)
        if method not in ("GET", "HEAD"):
            headers.append(("Allow", "GET, HEAD"))
            return self._answer(respond, "405 Method Not Allowed", headers, b"", method)
        if settings.SECURE_SSL_REDIRECT and not secure:
            query = environ.get("QUERY_STRING", "")
            target = f"https://{environ.get('HTTP_HOST', '')}{BEACON_PATH}"
            headers.append(("Location", f"{target}?{query}" if query else target))
            return self._answer(respond, "301 Moved Permanently", headers, b"", method)
        headers.extend(self.count(environ, now=now))
        headers.append(("Content-Type", "image/gif"))
        return self._answer(respond, "200 OK", headers, PIXEL, method)

    def count(self, environ: dict[str, Any], *, now: dt.datetime) -> list[tuple[str, str]]:
        """Count the hit if it may be; return the statistics cookie's Set-Cookie, if any."""
        jar = parse_cookie(str(environ.get("HTTP_COOKIE", "")))
        allowed = statistics_allowed(
            cookie_value=jar.get(self.consent_cookie),
            sec_gpc=str(environ.get("HTTP_SEC_GPC", "")),
            dnt=str(environ.get("HTTP_DNT", "")),
        )
        if not allowed:
            return self.clear_cookie if self.stats_cookie in jar else []
        counted = beacon_count(
            cookie_value=jar.get(self.stats_cookie),
            query_string=str(environ.get("QUERY_STRING", "")),
            user_agent=str(environ.get("HTTP_USER_AGENT", "")),
            address=self._client_ip(environ),
            excluded=self.excluded,
            now=now,
        )
        if counted is None:
            return []
        self.buffer.add(counted.increments)
        if counted.cookie_value is None:
            return []
        return self._set_stats_cookie(counted.cookie_value, counted.cookie_max_age)

    def _set_stats_cookie(self, value: str, max_age: int) -> list[tuple[str, str]]:
        """The statistics cookie's ``Set-Cookie``, from the template checked at start-up."""
        if self.set_cookie is None:  # the registry refused it (logged once, at start-up)
            return []
        return [("Set-Cookie", self.set_cookie.format(value=value, max_age=max_age))]

    @staticmethod
    def _client(environ: dict[str, Any]) -> str:
        """The address the proxy guard judged; worked out here only without the guard."""
        judged = environ.get(CLIENT_ADDRESS)
        return str(judged) if judged is not None else client_address_from_environ(environ)

    @staticmethod
    def _client_ip(environ: dict[str, Any]) -> Address | None:
        """The same address parsed: the guard's, or parsed here only without the guard."""
        if CLIENT_ADDRESS in environ:
            return environ.get(CLIENT_IP)
        return parse_address(client_address_from_environ(environ))

    @staticmethod
    def _answer(
        respond: Callable[..., Any],
        status: str,
        headers: list[tuple[str, str]],
        body: bytes,
        method: str,
    ) -> tuple[int, list[bytes]]:
        if not any(name == "Content-Type" for name, _ in headers):
            headers.append(("Content-Type", "text/plain; charset=utf-8"))
        headers.append(("Content-Length", str(len(body))))
        respond(status, headers)
        return int(status.split(" ", 1)[0]), [] if method == "HEAD" else [body]

    # --- the page's cookie -----------------------------------------------------------
    def _page_cookie(
        self, environ: dict[str, Any], headers: list[tuple[str, str]], now: dt.datetime
    ) -> list[tuple[str, str]]:
        action = environ.pop(PAGE_COOKIE_ACTION, None)
        if action == "set":
            fresh = hits.fresh(now.astimezone(clock.LONDON).date())
            max_age = hits.seconds_until_london_midnight(now)
            return [*headers, *self._set_stats_cookie(fresh.value(), max_age)]
        if action == "clear":
            return [*headers, *self.clear_cookie]
        return headers

    # --- the access log --------------------------------------------------------------
    def _log(self, environ: dict[str, Any], status: int, started: float, at: dt.datetime) -> None:
        raw_path = str(environ.get("PATH_INFO", ""))
        try:
            path = raw_path.encode("latin-1").decode("utf-8", "replace")
        except UnicodeEncodeError:
            path = raw_path
        try:
            self.access_log.record(
                at=at,
                method=str(environ.get("REQUEST_METHOD", "")),
                path=path or "/",
                status=status,
                duration_ms=(time.perf_counter() - started) * 1000,
                address=self._client(environ),
                user_agent=str(environ.get("HTTP_USER_AGENT", "")),
            )
        except OSError:
            if not self._log_failed:  # say it once, not on every request
                logger.exception("the access log cannot be written")
                self._log_failed = True
