"""The bare WSGI hello: one fixed answer and no Django, the server's own limit.

Served by ``bench.server.hello(application=bench.server.WSGI_HELLO)`` with the command
line ``bin/serve`` would use (partnership/core/serve_command.py), the same workers as
the site. Its body and headers match ``bench.hello_app``'s closely enough that the
difference between the two is Django's own cost per request.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

BODY = b"hello"
HEADERS = [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(BODY)))]


def application(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
    start_response("200 OK", HEADERS)
    return [BODY]
