"""Putting a new consent choice on the response (the middleware sets the cookie)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase, HttpResponseRedirect

from partnership.consent.state import (
    COOKIE_LIFETIME,
    REQUEST_CACHE,
    ConsentState,
    StoredConsent,
    consent_cookie_name,
    consent_state_from,
)

PENDING_COOKIE = "_partnership_consent_cookie"


def consent_pending(request: HttpRequest, stored: StoredConsent) -> ConsentState:
    """Remember the cookie to set on this response; this request now sees the new choice."""
    setattr(request, PENDING_COOKIE, stored)
    state = consent_state_from(cookie_value=stored.cookie_value(), headers=request.headers)
    setattr(request, REQUEST_CACHE, state)
    return state


def consent_cookie_apply(request: HttpRequest, response: HttpResponseBase) -> None:
    stored: StoredConsent | None = getattr(request, PENDING_COOKIE, None)
    if stored is None:
        return
    response.set_cookie(
        consent_cookie_name(),
        stored.cookie_value(),
        max_age=COOKIE_LIFETIME,
        secure=settings.HTTPS,
        httponly=True,
        samesite="Lax",
    )


class HttpResponseSeeOther(HttpResponseRedirect):
    status_code = 303


def see_other(target: str) -> HttpResponseSeeOther:
    return HttpResponseSeeOther(target)
