"""Response hardening shared by every view (and, later, by the thin WSGI layer)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase

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

    A body without a declared length that grows too large is caught by Django's
    ``DATA_UPLOAD_MAX_MEMORY_SIZE`` and answered with 413 by ``core.views.bad_request``.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response
        self.limit: int = settings.REQUEST_BODY_LIMIT

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        declared = request.META.get("CONTENT_LENGTH") or "0"
        try:
            too_big = int(declared) > self.limit
        except ValueError:
            return errors.render_error(request, status=400)
        if too_big:
            response: HttpResponse = errors.render_error(request, status=413)
            response["Connection"] = "close"
            return response
        return self.get_response(request)
