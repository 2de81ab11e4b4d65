"""Forms that work with cookies switched off (DESIGN §2 P10), still safe from other sites.

Django's CSRF check needs its cookie, so a visitor who refuses cookies could never send
a form. ``CookielessFormMiddleware`` sits just before Django's ``CsrfViewMiddleware``,
which keeps its check *exactly* whenever the request carries the CSRF cookie. Only for a
view marked ``@cookieless_form``, and only when the request carries no CSRF cookie at
all, does ours decide instead, by what the browser says about where the request came
from — the rules of Go 1.25's ``http.CrossOriginProtection``:

1. ``Sec-Fetch-Site: same-origin`` or ``none`` (the person typed or bookmarked it) → allowed;
   ``same-site``, ``cross-site`` or anything else → refused (unless the ``Origin`` is one
   of ``CSRF_TRUSTED_ORIGINS``, listed exactly).
2. No ``Sec-Fetch-Site`` (browsers before 2023, or plain HTTP to a non-loopback host,
   which browsers treat as untrustworthy) → the ``Origin`` header must be this site's
   own origin (scheme, host and port, as Django's own check compares it) or a trusted one.
3. Neither header → allowed. Every browser since 2020 sends ``Origin`` on a POST, so such
   a request comes from a program (curl, a monitoring probe), and a program can fetch a
   CSRF cookie and token anyway: refusing it would protect nothing. What the check stops
   is a page on another site making a visitor's browser post here.

Every other POST (sign-in, the signed-in areas, the back office) keeps Django's full
check. A request let through without a cookie also gets no CSRF cookie back: the browser
showed it keeps none, and the answer should set nothing it did not ask for.

Mark a view (the mark survives ``functools.wraps``-based decorators, like ``csrf_exempt``)::

    @cookieless_form
    @require_http_methods(["GET", "HEAD", "POST"])
    def offer_list(request): ...

docs/forms-without-cookies.md lists the views that carry the mark.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.urls import get_callable
from django.utils.log import log_response

V = TypeVar("V", bound=Callable[..., Any])

# Django's own CSRF logger, so refusals of both kinds are found in one place.
_logger = logging.getLogger("django.security.csrf")

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
# request.META key set when a request was let through by the browser's own headers.
COOKIELESS_ACCEPTED = "partnership.csrf.cookieless"

REASON_CROSS_SITE = "cookieless form posted from another site (Sec-Fetch-Site)"
REASON_BAD_ORIGIN = "cookieless form posted with an Origin that is not this site"


def cookieless_form(view: V) -> V:
    """Let ``view`` accept POSTs from browsers that keep no cookies, when same-origin."""
    view.cookieless_form = True  # type: ignore[attr-defined]
    return view


def is_cookieless_form(view: object) -> bool:
    return bool(getattr(view, "cookieless_form", False))


def sent_csrf_cookie(request: HttpRequest) -> bool:
    return settings.CSRF_COOKIE_NAME in request.COOKIES


def browser_keeps_cookies(request: HttpRequest) -> bool:
    """Whether this browser evidently keeps our cookies: it sent at least one back."""
    return bool(request.COOKIES)


def _own_origin(request: HttpRequest) -> str:
    return f"{request.scheme}://{request.get_host()}"


def _trusted(origin: str) -> bool:
    return origin in settings.CSRF_TRUSTED_ORIGINS


def cross_origin_refusal(request: HttpRequest) -> str | None:
    """Why a cookieless unsafe request must be refused, or None when it may go ahead."""
    fetch_site = request.headers.get("Sec-Fetch-Site", "")
    origin = request.headers.get("Origin", "")
    if fetch_site in ("same-origin", "none"):
        return None
    if fetch_site:
        return None if origin and _trusted(origin) else REASON_CROSS_SITE
    if not origin or origin == _own_origin(request) or _trusted(origin):
        return None
    return REASON_BAD_ORIGIN


class CookielessFormMiddleware:
    """Placed just before Django's ``CsrfViewMiddleware``, which stays in ``MIDDLEWARE``
    unchanged (so Django's deploy check still sees it).

    For a cookieless unsafe request to a marked view it decides, and marks the request
    ``csrf_processing_done`` — Django's own flag, on which its middleware accepts without
    checking again. It does nothing to any other request: Django's check applies.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if request.META.get(COOKIELESS_ACCEPTED):
            # Django set a fresh CSRF cookie if the page used a token: drop it.
            response.cookies.pop(settings.CSRF_COOKIE_NAME, None)
        return response

    def process_view(
        self,
        request: HttpRequest,
        callback: Callable[..., Any],
        callback_args: tuple[Any, ...],
        callback_kwargs: dict[str, Any],
    ) -> HttpResponseBase | None:
        if (
            request.method in SAFE_METHODS
            or not is_cookieless_form(callback)
            or sent_csrf_cookie(request)
            or getattr(request, "csrf_processing_done", False)
            or getattr(callback, "csrf_exempt", False)
            # Django's test client without enforce_csrf_checks: Django's middleware accepts.
            or getattr(request, "_dont_enforce_csrf_checks", False)
        ):
            return None
        reason = cross_origin_refusal(request)
        if reason is not None:
            return _refuse(request, reason)
        request.META[COOKIELESS_ACCEPTED] = True
        request.csrf_processing_done = True  # type: ignore[attr-defined]
        return None


def _refuse(request: HttpRequest, reason: str) -> HttpResponse:
    """What Django does on a failed check: its failure view, and a log line without the form."""
    failure_view = get_callable(settings.CSRF_FAILURE_VIEW)
    response: HttpResponse = failure_view(request, reason=reason)
    log_response(
        "Forbidden (%s): %s",
        reason,
        request.path,
        response=response,
        request=request,
        logger=_logger,
    )
    return response
