"""Response hardening shared by every view (and, later, by the thin WSGI layer)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.urls import Resolver404, resolve

from partnership.core import errors

# No script is needed by any page, so none is allowed. Forms post only to this site.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'none'",
        "img-src 'self'",
        "style-src 'self'",
        "font-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "object-src 'none'",
    ]
)

# A view (or template) that must load a script sets ``request.csp_script_sources`` (the
# research partners' tags after opt-in: their origin and a per-request nonce; the cookie
# banner's own script, 'self'); only that response's policy gains a ``script-src``, and
# a ``connect-src`` when ``request.csp_connect_sources`` is set (the banner's fetch).
# Every other page keeps the policy above.
CSP_SCRIPT_SOURCES_ATTRIBUTE = "csp_script_sources"
CSP_CONNECT_SOURCES_ATTRIBUTE = "csp_connect_sources"


def content_security_policy(
    *, script_sources: Sequence[str] = (), connect_sources: Sequence[str] = ()
) -> str:
    policy = CONTENT_SECURITY_POLICY
    if script_sources:
        policy = f"{policy}; script-src {' '.join(script_sources)}"
    if connect_sources:
        policy = f"{policy}; connect-src {' '.join(connect_sources)}"
    return policy


SECURITY_HEADERS: dict[str, str] = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "X-Permitted-Cross-Domain-Policies": "none",
}


class SecurityHeadersMiddleware:
    """Adds CSP, CORP and friends; marks responses uncacheable unless a view says so.

    Django's SecurityMiddleware sets HSTS, nosniff, Referrer-Policy and COOP; the
    clickjacking middleware sets X-Frame-Options.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        script_sources: Sequence[str] = getattr(request, CSP_SCRIPT_SOURCES_ATTRIBUTE, ())
        connect_sources: Sequence[str] = getattr(request, CSP_CONNECT_SOURCES_ATTRIBUTE, ())
        if script_sources or connect_sources:
            response.headers.setdefault(
                "Content-Security-Policy",
                content_security_policy(
                    script_sources=script_sources, connect_sources=connect_sources
                ),
            )
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        # Pages may hold personal data or a CSRF token: nothing is cached by default.
        response.headers.setdefault("Cache-Control", "no-store")
        return response


class RequestBodyLimitMiddleware:
    """Refuses a declared body over ``REQUEST_BODY_LIMIT`` with 413 before reading it.

    The routes named in ``REQUEST_BODY_LIMIT_BY_URL_NAME`` (only the new secure message,
    with its attachment) have their own, higher limit instead.

    A body without a declared length that grows too large is caught by Django's
    ``DATA_UPLOAD_MAX_MEMORY_SIZE`` and answered with 413 by ``core.views.bad_request``.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response
        self.limit: int = settings.REQUEST_BODY_LIMIT
        # The few routes allowed more, by URL name (settings.REQUEST_BODY_LIMIT_BY_URL_NAME).
        self.exceptions: dict[str, int] = dict(
            getattr(settings, "REQUEST_BODY_LIMIT_BY_URL_NAME", {})
        )

    def limit_for(self, request: HttpRequest) -> int:
        """The body limit of this request's route: the site's, unless its URL name is
        one of the listed exceptions (looked up only for a body over the site's limit)."""
        if not self.exceptions:
            return self.limit
        try:
            view_name = resolve(request.path_info).view_name
        except Resolver404:
            return self.limit
        return self.exceptions.get(view_name, self.limit)

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        declared = request.META.get("CONTENT_LENGTH") or "0"
        try:
            size = int(declared)
        except ValueError:
            return errors.render_error(request, status=400)
        too_big = size > self.limit and size > self.limit_for(request)
        if too_big:
            response: HttpResponse = errors.render_error(request, status=413)
            response["Connection"] = "close"
            return response
        return self.get_response(request)
