"""Every response's cookies against the registry, and the browser signal on record.

Placed before the session and CSRF middleware, so it sees every cookie they set.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase

from partnership.consent import cookie_check, responses
from partnership.consent.context_processors import banner_shown
from partnership.consent.services import consent_record
from partnership.consent.state import Method, consent_for_request
from partnership.core.middleware import (
    CSP_CONNECT_SOURCES_ATTRIBUTE,
    CSP_SCRIPT_SOURCES_ATTRIBUTE,
)

logger = logging.getLogger(__name__)


class UndeclaredCookieError(RuntimeError):
    """A response set a cookie the registry does not declare (strict mode)."""


def cookies_enforce(response: HttpResponseBase, *, strict: bool) -> None:
    """Strict: raise naming the cookies. Otherwise drop each and log an error naming it."""
    violations = cookie_check.check_cookies(response.cookies)
    if not violations:
        return
    if strict:
        details = "; ".join(f"{v.name}: {v.problem}" for v in violations)
        raise UndeclaredCookieError(f"cookie rules broken (consent/cookies.py): {details}")
    for name in sorted({violation.name for violation in violations}):
        problems = ", ".join(v.problem for v in violations if v.name == name)
        logger.error("dropped cookie %r from the response: %s", name, problems)
        del response.cookies[name]


def banner_script_allow(request: HttpRequest) -> None:
    """The banner's own script (static/js/consent-banner.js) and the post it makes.

    Decided here rather than in the template, so that a page answered from the public
    page cache (no template rendered) gets the same policy as a fresh one.
    """
    sources = [*getattr(request, CSP_SCRIPT_SOURCES_ATTRIBUTE, ())]
    if "'self'" not in sources:
        setattr(request, CSP_SCRIPT_SOURCES_ATTRIBUTE, [*sources, "'self'"])
    setattr(request, CSP_CONNECT_SOURCES_ATTRIBUTE, ["'self'"])


class CookiePolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response
        self.strict: bool = settings.COOKIE_REGISTRY_STRICT

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        responses.consent_cookie_apply(request, response)
        cookies_enforce(response, strict=self.strict)
        if response.get("Content-Type", "").startswith("text/html") and banner_shown(request):
            banner_script_allow(request)
        return response

    def process_view(
        self,
        request: HttpRequest,
        view: Callable[..., Any],
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
    ) -> None:
        """Record a browser's Sec-GPC/DNT once for a visitor holding a consent cookie."""
        if request.method not in ("GET", "HEAD"):
            return
        state = consent_for_request(request)
        if not state.signal_to_record:
            return
        user = request.user
        _, stored = consent_record(
            choices=state.choices,
            method=Method.BROWSER_SIGNAL,
            previous=state,
            user_id=user.pk if user.is_authenticated else None,
        )
        responses.consent_pending(request, stored)
