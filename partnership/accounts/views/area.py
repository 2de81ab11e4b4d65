"""The customer's home (/account/) and the session pages."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import redirect
from django.views.decorators.http import require_http_methods, require_safe

from partnership.accounts import sessions
from partnership.accounts.middleware import ENDED_PATH, SessionDeadline
from partnership.accounts.panels import home_panels_render
from partnership.accounts.views.common import page
from partnership.core import clock
from partnership.core.access import customer_required

ENDED_REASONS = {
    "idle": "You did nothing for a while, so we signed you out to protect your account.",
    "absolute": "You had been signed in for 8 hours, so we signed you out.",
}


@require_safe
@customer_required
def home(request: HttpRequest) -> HttpResponseBase:
    panels = home_panels_render(request=request, user=request.user)  # type: ignore[arg-type]
    return page(request, "home.html", {"panels": panels})


@require_http_methods(["GET", "HEAD", "POST"])
def session_warning(request: HttpRequest) -> HttpResponseBase:
    """'Your session is about to end'. Looking at it does not extend the session;
    the button does (any POST counts as activity)."""
    next_url = sessions.safe_next(request, request.POST.get("next") or request.GET.get("next", ""))
    if not request.user.is_authenticated:
        return redirect(ENDED_PATH)
    if request.method == "POST":
        return redirect(next_url or sessions.landing_url(request, user=request.user, next_url=""))
    deadline: SessionDeadline = request.session_deadline  # type: ignore[attr-defined]
    seconds_left = max(0, int((deadline.ends_at - clock.now()).total_seconds()))
    # On this page the refresh goes to "ended" just after the end.
    request.session_deadline = SessionDeadline(  # type: ignore[attr-defined]
        ends_at=deadline.ends_at,
        idle_minutes=deadline.idle_minutes,
        refresh_in=seconds_left + 2,
        refresh_url=f"{ENDED_PATH}?{urlencode({'reason': 'idle'})}",
    )
    context = {"deadline": deadline, "seconds_left": seconds_left, "next": next_url}
    return page(request, "session_warning.html", context)


@require_safe
def session_ended(request: HttpRequest) -> HttpResponseBase:
    if request.user.is_authenticated:
        return redirect(sessions.landing_url(request, user=request.user, next_url=""))
    reason = ENDED_REASONS.get(request.GET.get("reason", ""), "")
    return page(request, "session_ended.html", {"reason": reason})
