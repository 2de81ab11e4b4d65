"""/account/browsers/: the browsers that signed in to this account in full (password
and code), each holding a device cookie; customers and staff alike list and forget
them here. Forgetting one only ends its head start against others' guessing
(docs/accounts.md): it still needs the password and a code next time."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponseBase
from django.shortcuts import redirect
from django.views.decorators.http import require_POST, require_safe

from partnership.accounts.forms import DeviceRevokeForm
from partnership.accounts.models import DeviceCookie, User
from partnership.accounts.services.device_cookies import (
    device_cookie_name,
    device_cookie_revoke,
    device_cookies_current,
    token_hash,
)
from partnership.accounts.views.common import (
    page,
    signed_in_required,
    signed_in_user,
    unreadable,
)

PATH = "/account/browsers/"
SAVED = {
    "forgotten": "That browser has been forgotten.",
    "forgotten-all": "Every browser has been forgotten, this one included.",
}


def _this_browser(request: HttpRequest) -> str:
    token = request.COOKIES.get(device_cookie_name(), "")
    return token_hash(token) if token else ""


def _context(request: HttpRequest, user: User) -> dict[str, object]:
    current = _this_browser(request)
    rows: list[DeviceCookie] = list(device_cookies_current(user=user))
    return {
        "browsers": [{"cookie": row, "this": row.token_hash == current} for row in rows],
        "staff": user.is_staff,
    }


@signed_in_required
@require_safe
def browsers(request: HttpRequest) -> HttpResponseBase:
    context = _context(request, signed_in_user(request))
    context["status_message"] = SAVED.get(request.GET.get("saved", ""), "")
    return page(request, "browsers.html", context)


@signed_in_required
@require_POST
def browser_forget(request: HttpRequest) -> HttpResponseBase:
    user = signed_in_user(request)
    form = DeviceRevokeForm(request.POST, unreadable=unreadable(request))
    if not form.is_valid():
        context = {**_context(request, user), "form": form}
        return page(request, "browsers.html", context, status=400)
    choice = form.cleaned_data["device"]
    current = _this_browser(request)
    this_one = choice == "all" or (
        bool(current)
        and DeviceCookie.objects.filter(user=user, pk=choice, token_hash=current).exists()
    )
    revoked = device_cookie_revoke(user=user, device_id=None if choice == "all" else choice)
    if choice != "all" and revoked == 0:
        raise Http404  # missing and someone else's alike
    response = redirect(f"{PATH}?saved={'forgotten-all' if choice == 'all' else 'forgotten'}")
    if this_one:
        response.delete_cookie(device_cookie_name(), samesite="Strict")
    return response
