"""What the account views share: reading the client, unreadable fields, rendering."""

from __future__ import annotations

import datetime as dt
from functools import wraps
from typing import Any, cast

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render

from partnership.accounts.models import User
from partnership.accounts.services.device_cookies import device_cookie_name
from partnership.accounts.services.sign_in import SignInClient
from partnership.core import clock
from partnership.core.access import P, View, signed_in_with_two_factor
from partnership.core.ratelimit import client_address, client_key
from partnership.core.text import unreadable_fields


def sign_in_client(request: HttpRequest) -> SignInClient:
    return SignInClient(
        key=client_key(request),
        ip_address=client_address(request),
        user_agent=str(request.META.get("HTTP_USER_AGENT", "")),
        device_token=request.COOKIES.get(device_cookie_name(), "")[:100],
    )


def sign_in_wait(request: HttpRequest, *, retry_at: dt.datetime | None) -> HttpResponse:
    """The 429 of a sign-in back-off: when to try again (a time), and the reset link."""
    response = page(request, "sign_in_wait.html", {"retry_at": retry_at}, status=429)
    if retry_at is not None:
        seconds = max(1, int((retry_at - clock.now()).total_seconds()))
        response["Retry-After"] = str(seconds)
    return response


def unreadable(request: HttpRequest) -> frozenset[str]:
    if request.content_type != "application/x-www-form-urlencoded":
        return frozenset()
    return unreadable_fields(request.body)


def page(
    request: HttpRequest, template: str, context: dict[str, Any], *, status: int = 200
) -> HttpResponse:
    return render(request, f"accounts/{template}", context, status=status)


def signed_in_required(view: View[P]) -> View[P]:
    """Any signed-in person, customer or staff, with both factors; else sign-in."""

    @wraps(view)
    def guarded(request: HttpRequest, *args: P.args, **kwargs: P.kwargs) -> HttpResponseBase:
        if not signed_in_with_two_factor(request):
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return cast(View[P], guarded)


def signed_in_user(request: HttpRequest) -> User:
    """``request.user`` behind a guard: always a signed-in ``User``."""
    user = request.user
    assert isinstance(user, User)
    return user
