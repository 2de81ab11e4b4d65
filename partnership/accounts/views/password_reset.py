"""/account/password-reset/: ask for a link (the answer never says whether an account
exists), then choose a new password with the one-time code."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import redirect
from django.views.decorators.http import require_http_methods

from partnership.accounts.forms import PasswordResetForm, PasswordResetRequestForm, refuse
from partnership.accounts.services.password_reset import (
    ResetOutcome,
    password_reset_complete,
    password_reset_needs_code,
    password_reset_request,
    password_reset_user,
)
from partnership.accounts.views.common import page, sign_in_client, unreadable
from partnership.accounts.views.sign_in import WRONG_CODE
from partnership.core.errors import render_error


@require_http_methods(["GET", "HEAD", "POST"])
def request_view(request: HttpRequest) -> HttpResponseBase:
    if request.method != "POST":
        return page(request, "password_reset.html", {"form": PasswordResetRequestForm()})
    form = PasswordResetRequestForm(request.POST, unreadable=unreadable(request))
    if not form.is_valid():
        return page(request, "password_reset.html", {"form": form}, status=400)
    password_reset_request(
        email=form.cleaned_data["email"],
        client=sign_in_client(request),
        site_url=f"{request.scheme}://{request.get_host()}",
    )
    return page(request, "password_reset_sent.html", {})


@require_http_methods(["GET", "HEAD", "POST"])
def confirm_view(request: HttpRequest, uidb64: str, token: str) -> HttpResponseBase:
    user = password_reset_user(uidb64=uidb64, token=token)
    if user is None:
        return page(request, "password_reset_invalid.html", {}, status=400)
    needs_code = password_reset_needs_code(user=user)
    if request.method != "POST":
        form = PasswordResetForm(user=user, needs_code=needs_code)
        return page(request, "password_reset_confirm.html", {"form": form})
    form = PasswordResetForm(
        request.POST, user=user, needs_code=needs_code, unreadable=unreadable(request)
    )
    if not form.is_valid():
        return page(request, "password_reset_confirm.html", {"form": form}, status=400)
    outcome = password_reset_complete(
        user=user,
        new_password=form.cleaned_data["new_password1"],
        code=form.cleaned_data.get("code", ""),
        client=sign_in_client(request),
    )
    if outcome == ResetOutcome.LOCKED:
        return render_error(request, status=429)
    if outcome == ResetOutcome.WRONG_CODE:
        refuse(form, WRONG_CODE)
        return page(request, "password_reset_confirm.html", {"form": form}, status=400)
    return redirect("/account/login/?status=password-changed")
