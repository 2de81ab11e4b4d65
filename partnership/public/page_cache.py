"""Public pages rendered once per worker for visitors who are not signed in.

A public page is the same for every anonymous visitor in the same consent situation
(P1: it holds nothing about them), so each worker keeps the rendered bytes for
``TTL_SECONDS`` and answers the next such visitor without running the template
engine. The whole middleware stack still runs on every request: headers, cookie
rules, the statistics cookie and the access log are exactly as for a fresh render.

A page is rendered in full, and never stored, when anything personal could reach it:
a signed-in user (name, sign-out form, session clock), a browser that holds a CSRF
cookie (the forms would carry its token), research tags (a per-response nonce), or a
consent banner bound to this visitor's stored choice. What may still vary between
anonymous visitors is in the key: the path, whether the banner shows (its token is the
same for everyone who has not chosen yet), and the statistics beacon's URL.

Only pages whose content changes with a deployment use it — never the privacy policy,
which staff can publish at any time (P12).
"""

from __future__ import annotations

import threading
from time import monotonic
from typing import Any

from django.core.signals import setting_changed
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from partnership.analytics.beacon import page_beacon
from partnership.consent.state import consent_for_request
from partnership.core.csrf import sent_csrf_cookie

TTL_SECONDS = 30.0
MAX_ENTRIES = 256

_pages: dict[tuple[str, ...], tuple[float, bytes]] = {}
_lock = threading.Lock()


def render_public(
    request: HttpRequest, template_name: str, context: dict[str, Any] | None = None
) -> HttpResponse:
    """``render()`` for an unchanging public page, from this worker's copy when allowed."""
    key = _cache_key(request, template_name)
    if key is None:
        return render(request, template_name, context)
    now = monotonic()
    cached = _pages.get(key)
    if cached is not None and cached[0] > now:
        page_beacon(request).apply(request)  # what the template's beacon tag would do
        return HttpResponse(cached[1])
    response = render(request, template_name, context)
    with _lock:
        if len(_pages) >= MAX_ENTRIES:
            _pages.clear()  # many referring sites at once: start again
        _pages[key] = (now + TTL_SECONDS, response.content)
    return response


def _cache_key(request: HttpRequest, template_name: str) -> tuple[str, ...] | None:
    if request.method not in ("GET", "HEAD") or request.user.is_authenticated:
        return None
    if sent_csrf_cookie(request):
        return None
    consent = consent_for_request(request)
    if consent.may_load_research:
        return None
    banner = ""
    if consent.research_to_ask:
        if consent.stored is not None:
            return None  # the banner's token names this visitor's stored choice
        # Everyone who has not chosen yet gets the same token, dated when the page was
        # rendered: at most TTL_SECONDS older than a fresh one, far inside its lifetime.
        banner = "banner"
    return (template_name, request.path, banner, page_beacon(request).src)


def clear() -> None:
    with _lock:
        _pages.clear()


def _on_setting_changed(**kwargs: Any) -> None:
    clear()  # tests change settings the pages are made from (brand, partners, ...)


setting_changed.connect(_on_setting_changed, dispatch_uid="partnership.public.page_cache")
