from __future__ import annotations

import datetime as dt

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from partnership.core import clock
from partnership.core.csrf import browser_keeps_cookies, cookieless_form
from partnership.core.ratelimit import client_key
from partnership.offers import gate, selectors

FIELD = "first_six"


@cookieless_form
@require_http_methods(["GET", "HEAD", "POST"])
def offer_list(request: HttpRequest) -> HttpResponse:
    """Teasers for everyone; the full offers once the card digits have been checked.

    With cookies, a right answer marks the session for 30 minutes and redirects here.
    Without, the full offers are the answer to the POST itself, and nothing is kept.
    """
    if request.method != "POST":
        unlocked = gate.gate_unlocked(session=request.session)
        return _page(request, unlocked=unlocked, remembered=unlocked, error="", status=200)

    outcome = gate.gate_attempt(text=request.POST.get(FIELD, ""), client=client_key(request))
    if outcome.verdict is None:
        return _limited(request, retry_after=outcome.retry_after or clock.now())
    if not outcome.unlocked:
        return _page(request, unlocked=False, remembered=False, error=outcome.message, status=400)
    if browser_keeps_cookies(request):
        gate.gate_unlock_session(session=request.session)
        return redirect("offers:list")
    return _page(request, unlocked=True, remembered=False, error="", status=200)


def _page(
    request: HttpRequest, *, unlocked: bool, remembered: bool, error: str, status: int
) -> HttpResponse:
    today = clock.today_in_london()
    return render(
        request,
        "offers/list.html",
        {
            "offers": selectors.offer_list_current(today=today),
            "unlocked": unlocked,
            "remembered": remembered,
            "error": error,
            "field": FIELD,
            "unlock_minutes": int(gate.UNLOCK_FOR.total_seconds() // 60),
        },
        status=status,
    )


def _limited(request: HttpRequest, *, retry_after: dt.datetime) -> HttpResponse:
    wait = max(1, int((retry_after - clock.now()).total_seconds()))
    response = render(
        request,
        "offers/limited.html",
        {
            "retry_at": retry_after.astimezone(clock.LONDON),
            "tries": gate.WRONG_TRIES_LIMIT,
            "minutes": int(gate.WRONG_TRIES_WINDOW.total_seconds() // 60),
        },
        status=429,
    )
    response["Retry-After"] = str(wait)
    return response
