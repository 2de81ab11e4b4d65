"""/staff/profile/: the signed-in member of staff's own page: who they are, their
roles, and their passkeys (added and removed after the second factor again, as the
customers' privacy centre does, through ``accounts.views.passkeys``)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from partnership.accounts.views.passkeys import (
    Handled,
    passkey_add_post,
    passkey_remove_post,
    passkeys_context,
)
from partnership.backoffice.views.common import staff_user
from partnership.core.errors import render_error

BASE = "/staff/profile/passkeys/"
SAVED = {
    "added": "Your passkey is added. You can use it the next time you sign in.",
    "removed": "That passkey is removed: it can no longer be used to sign in.",
}


def _page(request: HttpRequest, *, handled: Handled | None = None) -> HttpResponse:
    staff = staff_user(request)
    context = {
        **passkeys_context(request, user=staff, handled=handled),
        "base": BASE,
        "roles": sorted(staff.groups.values_list("name", flat=True)),
        "status_message": "" if handled else SAVED.get(request.GET.get("saved", ""), ""),
    }
    status = handled.status if handled else 200
    return render(request, "backoffice/profile.html", context, status=status)


def _answer(request: HttpRequest, handled: Handled, *, saved: str) -> HttpResponseBase:
    if handled.status == 0:
        return redirect(f"/staff/profile/?saved={saved}")
    if handled.status == 404:
        raise Http404
    if handled.status == 429:
        return render_error(request, status=429)
    return _page(request, handled=handled)


@require_safe
def profile(request: HttpRequest) -> HttpResponseBase:
    return _page(request)


# Each staff URL answers GET with a page (backoffice/tests/test_urls.py): here, the profile.
@require_http_methods(["GET", "HEAD", "POST"])
def passkey_add(request: HttpRequest) -> HttpResponseBase:
    if request.method != "POST":
        return _page(request)
    return _answer(request, passkey_add_post(request, user=staff_user(request)), saved="added")


@require_http_methods(["GET", "HEAD", "POST"])
def passkey_remove(request: HttpRequest) -> HttpResponseBase:
    if request.method != "POST":
        return _page(request)
    handled = passkey_remove_post(request, user=staff_user(request))
    return _answer(request, handled, saved="removed")
