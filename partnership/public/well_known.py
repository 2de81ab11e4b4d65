"""Machine-readable signals under /.well-known/ (issue 18).

- ``gpc.json``: the Global Privacy Control support resource (W3C GPC): ``gpc`` is true
  because ``Sec-GPC: 1`` counts as an objection to statistics and a refusal of research
  cookies (``consent/state.py``); ``lastUpdate`` is the day that handling last changed.
- ``security.txt`` (RFC 9116): who to tell about a vulnerability, until when this file
  holds, our policy and languages, and where the file canonically lives.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.http import require_safe

from partnership.core import clock

# The day this site's handling of Sec-GPC last changed; move it when that changes.
GPC_LAST_UPDATE = dt.date(2026, 12, 7)
SECURITY_TXT_EXPIRY_WARNING = dt.timedelta(days=30)
CACHE = "public, max-age=3600"


def security_txt_expires() -> dt.datetime:
    """``SECURITY_TXT_EXPIRES`` (validated at start-up) as an aware UTC time."""
    return dt.datetime.fromisoformat(settings.SECURITY_TXT_EXPIRES).astimezone(dt.UTC)


def security_txt_body(*, origin: str) -> str:
    expires = security_txt_expires().strftime("%Y-%m-%dT%H:%M:%SZ")
    lines = [
        f"Contact: {settings.SECURITY_CONTACT}",
        f"Expires: {expires}",
        f"Policy: {origin}/legal/#security",
        "Preferred-Languages: en",
        f"Canonical: {origin}/.well-known/security.txt",
    ]
    return "\n".join(lines) + "\n"


def security_txt_expires_soon(*, now: dt.datetime | None = None) -> bool:
    return security_txt_expires() - (now or clock.now()) < SECURITY_TXT_EXPIRY_WARNING


@require_safe
def gpc_json(request: HttpRequest) -> JsonResponse:
    response = JsonResponse({"gpc": True, "lastUpdate": GPC_LAST_UPDATE.isoformat()})
    response["Cache-Control"] = CACHE
    return response


@require_safe
def security_txt(request: HttpRequest) -> HttpResponse:
    origin = f"{request.scheme}://{request.get_host()}"
    response = HttpResponse(
        security_txt_body(origin=origin), content_type="text/plain; charset=utf-8"
    )
    response["Cache-Control"] = CACHE
    return response
