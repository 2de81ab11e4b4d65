"""WSGI wrapper: believe forwarded headers only from TRUSTED_PROXIES."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings

from partnership.core.client_address import client_address_judge

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


class ProxyHeaderGuard:
    def __init__(self, app: WSGIApp) -> None:
        self.app = app
        self.trusted = list(settings.TRUSTED_PROXIES)

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        client_address_judge(environ, self.trusted)
        return self.app(environ, start_response)
