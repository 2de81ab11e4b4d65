"""WSGI wrapper: believe forwarded headers only from TRUSTED_PROXIES."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings

from partnership.core.client_address import in_networks

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]

_FORWARDED_HEADERS = ("HTTP_X_FORWARDED_PROTO", "HTTP_X_FORWARDED_FOR", "HTTP_FORWARDED")


class ProxyHeaderGuard:
    def __init__(self, app: WSGIApp) -> None:
        self.app = app
        self.trusted = list(settings.TRUSTED_PROXIES)

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        if not self._from_trusted_proxy(environ.get("REMOTE_ADDR", "")):
            for header in _FORWARDED_HEADERS:
                environ.pop(header, None)
        return self.app(environ, start_response)

    def _from_trusted_proxy(self, remote: str) -> bool:
        return in_networks(remote, self.trusted)
