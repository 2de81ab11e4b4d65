"""Session time limits, enforced on the server: customers 5 minutes idle and 8 hours
in all; staff 15 minutes idle (and the same 8 hours).

Every request of a signed-in person moves the idle clock on, except looking at the
"about to end" page itself. Pages tell the person when the session ends and, without
JavaScript, a ``<meta http-equiv="refresh">`` (base.html, from ``request.session_deadline``)
takes an idle visitor to that warning a minute before the end, then to "ended".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponseBase, HttpResponseRedirect

from partnership.accounts.services.sign_in import session_expiry_record
from partnership.accounts.sessions import LAST_ACTIVITY, SIGNED_IN_AT
from partnership.core import clock

WARNING_PATH = "/account/session/"
ENDED_PATH = "/account/session/ended/"
WARN_BEFORE_SECONDS = 60


@dataclass(frozen=True)
class SessionDeadline:
    ends_at: dt.datetime
    idle_minutes: int
    refresh_in: int  # seconds until the meta refresh
    refresh_url: str


def _parse(value: object) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(str(value))
    except ValueError:
        return None


class SessionTimeoutMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        # base.html reads this on every page: a missing attribute costs the template
        # engine a failed lookup (and a dir() of the request) twice per page.
        request.session_deadline = None  # type: ignore[attr-defined]
        user = request.user
        if not user.is_authenticated:
            return self.get_response(request)
        now = clock.now()
        idle = dt.timedelta(
            seconds=settings.SESSION_IDLE_TIMEOUT_STAFF
            if user.is_staff
            else settings.SESSION_IDLE_TIMEOUT_CUSTOMER
        )
        absolute = dt.timedelta(seconds=settings.SESSION_ABSOLUTE_TIMEOUT)
        signed_in_at = _parse(request.session.get(SIGNED_IN_AT))
        last_activity = _parse(request.session.get(LAST_ACTIVITY))
        if signed_in_at is None or last_activity is None:
            # Logged in by a path that set no clocks (only tests' force_login does):
            # the clocks start now. The two-factor mark is still what the guards check.
            signed_in_at = last_activity = now
            request.session[SIGNED_IN_AT] = now.isoformat()
        reason = ""
        if now - signed_in_at >= absolute:
            reason = "absolute"
        elif now - last_activity >= idle:
            reason = "idle"
        if reason:
            session_expiry_record(user=user, reason=reason)
            logout(request)  # flushes the server-side session
            return HttpResponseRedirect(f"{ENDED_PATH}?{urlencode({'reason': reason})}")
        passive = request.method in ("GET", "HEAD") and request.path == WARNING_PATH
        if not passive:
            last_activity = now
            request.session[LAST_ACTIVITY] = now.isoformat()
        ends_at = min(last_activity + idle, signed_in_at + absolute)
        remaining = int((ends_at - now).total_seconds())
        request.session_deadline = SessionDeadline(  # type: ignore[attr-defined]
            ends_at=ends_at,
            idle_minutes=int(idle.total_seconds() // 60),
            refresh_in=max(0, remaining - WARN_BEFORE_SECONDS),
            refresh_url=f"{WARNING_PATH}?{urlencode({'next': request.get_full_path()})}",
        )
        return self.get_response(request)
