"""/account/privacy/passkeys/: a customer's passkeys, listed, added and removed (each
change after the second factor again). The handling is shared with the staff profile
page (``accounts.views.passkeys``)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from partnership.accounts.views.common import signed_in_user
from partnership.accounts.views.passkeys import (
    Handled,
    passkey_add_post,
    passkey_remove_post,
    passkeys_context,
)
from partnership.core.access import customer_required
from partnership.core.errors import render_error

BASE = "/account/privacy/passkeys/"
SAVED = {
    "added": "Your passkey is added. You can use it the next time you sign in.",
    "removed": "That passkey is removed: it can no longer be used to sign in.",
}


def _page(request: HttpRequest, *, handled: Handled | None = None) -> HttpResponse:
    user = signed_in_user(request)
    context = {
        **passkeys_context(request, user=user, handled=handled),
        "base": BASE,
        "status_message": "" if handled else SAVED.get(request.GET.get("saved", ""), ""),
    }
    status = handled.status if handled else 200
    return render(request, "privacy_centre/passkeys.html", context, status=status)


def _answer(request: HttpRequest, handled: Handled, *, saved: str) -> HttpResponseBase:
    if handled.status == 0:
        return redirect(f"{BASE}?saved={saved}")
    if handled.status == 404:
        raise Http404  # missing and someone else's alike
    if handled.status == 429:
        return render_error(request, status=429)
    return _page(request, handled=handled)


@customer_required
@require_safe
def passkeys(request: HttpRequest) -> HttpResponseBase:
    return _page(request)


@customer_required
@require_POST
def passkey_add(request: HttpRequest) -> HttpResponseBase:
    handled = passkey_add_post(request, user=signed_in_user(request))
    return _answer(request, handled, saved="added")


@customer_required
@require_POST
def passkey_remove(request: HttpRequest) -> HttpResponseBase:
    handled = passkey_remove_post(request, user=signed_in_user(request))
    return _answer(request, handled, saved="removed")
