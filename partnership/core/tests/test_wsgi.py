from __future__ import annotations

import ipaddress
from collections.abc import Callable, Iterable
from typing import Any

import pytest
from pytest_django import Settings

from partnership.core.wsgi import ProxyHeaderGuard


def seen_environ(settings: Settings, remote: str) -> dict[str, Any]:
    captured: dict[str, Any] = {}

    def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        captured.update(environ)
        return [b""]

    guard = ProxyHeaderGuard(app)
    guard(
        {
            "REMOTE_ADDR": remote,
            "HTTP_X_FORWARDED_PROTO": "https",
            "HTTP_X_FORWARDED_FOR": "203.0.113.9",
        },
        lambda *args: None,
    )
    return captured


def test_forwarded_headers_from_an_untrusted_client_are_dropped(settings: Settings) -> None:
    settings.TRUSTED_PROXIES = [ipaddress.ip_network("10.0.0.0/8")]

    environ = seen_environ(settings, "192.0.2.1")

    assert "HTTP_X_FORWARDED_PROTO" not in environ
    assert "HTTP_X_FORWARDED_FOR" not in environ


def test_forwarded_headers_from_a_trusted_proxy_are_kept(settings: Settings) -> None:
    settings.TRUSTED_PROXIES = [ipaddress.ip_network("10.0.0.0/8")]

    environ = seen_environ(settings, "10.1.2.3")

    assert environ["HTTP_X_FORWARDED_PROTO"] == "https"


@pytest.mark.parametrize("remote", ["", "not-an-address", "127.0.0.1"])
def test_with_no_trusted_proxies_nothing_forwarded_is_believed(
    settings: Settings, remote: str
) -> None:
    settings.TRUSTED_PROXIES = []

    assert "HTTP_X_FORWARDED_PROTO" not in seen_environ(settings, remote)
