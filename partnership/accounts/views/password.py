"""/account/password/: a signed-in person (customer or staff) changes their password
with the current one, the new one twice and a one-time code."""

from __future__ import annotations

from django.contrib.auth import update_session_auth_hash
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import redirect
from django.views.decorators.http import require_http_methods

from partnership.accounts.forms import PasswordChangeForm, refuse
from partnership.accounts.services.reauth import ReauthOutcome, reauth_check
from partnership.accounts.services.users import password_change
from partnership.accounts.views.common import (
    page,
    sign_in_client,
    signed_in_required,
    signed_in_user,
    unreadable,
)
from partnership.accounts.views.sign_in import WRONG_CODE
from partnership.core.errors import render_error

WRONG_PASSWORD = "Your current password is not right. Nothing was changed."  # noqa: S105
DONE = "Your password has been changed. Your other sessions have been signed out."


@signed_in_required
@require_http_methods(["GET", "HEAD", "POST"])
def password_change_view(request: HttpRequest) -> HttpResponseBase:
    user = signed_in_user(request)
    if request.method != "POST":
        done = DONE if request.GET.get("status") == "changed" else ""
        return page(
            request, "password_change.html", {"form": PasswordChangeForm(user=user), "done": done}
        )
    form = PasswordChangeForm(request.POST, user=user, unreadable=unreadable(request))
    if not form.is_valid():
        return page(request, "password_change.html", {"form": form}, status=400)
    outcome = reauth_check(
        user=user,
        code=form.cleaned_data["code"],
        password=form.cleaned_data["current_password"],
        client=sign_in_client(request),
        action="password_change",
    )
    if outcome == ReauthOutcome.LOCKED:
        return render_error(request, status=429)
    if outcome != ReauthOutcome.PASSED:
        message = WRONG_PASSWORD if outcome == ReauthOutcome.WRONG_PASSWORD else WRONG_CODE
        refuse(form, message)
        return page(request, "password_change.html", {"form": form}, status=400)
    password_change(user=user, new_password=form.cleaned_data["new_password1"])
    # This session stays signed in (a new id); every other one ends with the old hash.
    update_session_auth_hash(request, user)
    return redirect("/account/password/?status=changed")
