"""/account/login/ (e-mail and password), then /account/login/code/ (the one-time code)
or, at a customer's first sign-in, /account/login/enrol/ (set up an authenticator)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods

from partnership.accounts import sessions
from partnership.accounts.after_sign_in import after_sign_in
from partnership.accounts.forms import CodeForm, EnrolForm, SignInForm, refuse
from partnership.accounts.models import TotpDevice, User
from partnership.accounts.services import two_factor
from partnership.accounts.services.device_cookies import LIFETIME as DEVICE_COOKIE_LIFETIME
from partnership.accounts.services.device_cookies import device_cookie_issue, device_cookie_name
from partnership.accounts.services.devices import (
    REMEMBER_FOR,
    DeviceCheck,
    remembered_device_add,
    remembered_device_cookie_name,
    sign_in_with_remembered_device,
)
from partnership.accounts.services.sign_in import (
    Outcome,
    sign_in_code_check,
    sign_in_password_check,
    sign_in_success_record,
    sign_out_record,
)
from partnership.accounts.services.two_factor import SecondFactor
from partnership.accounts.views.common import page, sign_in_client, sign_in_wait, unreadable
from partnership.accounts.views.passkeys import login_code_page
from partnership.core.access import signed_in_with_two_factor

NOT_RIGHT = (
    "The e-mail address or password is not right. Check them and try again, or reset "
    "your password. After several wrong attempts, signing in from this browser pauses "
    "for a while, longer each time."
)
WRONG_CODE = (
    "That code is not right, or it has been used already. Enter the code your app "
    "shows now (it changes every 30 seconds), or an unused recovery code."
)
STATUS_MESSAGES = {
    "signed-out": "You have signed out.",
    "restart": "Your sign-in took more than 5 minutes, so please start again.",
    "password-changed": "Your password has been changed. Sign in with the new one.",
}


@require_http_methods(["GET", "HEAD", "POST"])
def login_view(request: HttpRequest) -> HttpResponseBase:
    next_url = sessions.safe_next(request, request.POST.get("next") or request.GET.get("next", ""))
    if request.method != "POST":
        if signed_in_with_two_factor(request):
            return redirect(sessions.landing_url(request, user=request.user, next_url=next_url))  # type: ignore[arg-type]
        status = STATUS_MESSAGES.get(request.GET.get("status", ""), "")
        return _login_page(request, SignInForm(), next_url=next_url, status_message=status)
    form = SignInForm(request.POST, unreadable=unreadable(request))
    if not form.is_valid():
        return _login_page(request, form, next_url=next_url, status=400)
    result = sign_in_password_check(
        email=form.cleaned_data["email"],
        password=form.cleaned_data["password"],
        client=sign_in_client(request),
    )
    if result.outcome == Outcome.LOCKED:
        return sign_in_wait(request, retry_at=result.retry_at)
    if result.outcome == Outcome.REFUSED or result.user is None:
        refuse(form, NOT_RIGHT)
        return _login_page(request, form, next_url=next_url, status=400)
    user = result.user
    if not two_factor.has_confirmed_device(user=user) and user.is_staff:
        # Staff authenticators are issued with the account; none means ask an administrator.
        return page(request, "no_authenticator.html", {}, status=403)
    has_device = two_factor.has_confirmed_device(user=user)
    token = request.COOKIES.get(remembered_device_cookie_name(), "")
    remembered = DeviceCheck.ABSENT
    if has_device and token and not user.is_staff:
        remembered = sign_in_with_remembered_device(
            user=user, token=token, client=sign_in_client(request)
        )
    if remembered == DeviceCheck.ACCEPTED:
        # The password and this remembered browser: signed in without a code.
        request.session.flush()
        sessions.sign_in_complete(request, user=user)
        return redirect(after_sign_in(request, user=user, next_url=next_url))
    sessions.pending_start(request, user=user, next_url=next_url)
    response = redirect("accounts:login_code" if has_device else "accounts:login_enrol")
    if remembered in (DeviceCheck.UNKNOWN, DeviceCheck.EXPIRED):
        response.delete_cookie(remembered_device_cookie_name(), samesite="Strict")
    return response


def _login_page(
    request: HttpRequest,
    form: SignInForm,
    *,
    next_url: str,
    status: int = 200,
    status_message: str = "",
) -> HttpResponse:
    context = {"form": form, "next": next_url, "status_message": status_message}
    return page(request, "login.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
def login_code_view(request: HttpRequest) -> HttpResponseBase:
    pending = sessions.pending_get(request)
    if pending is None or not two_factor.has_confirmed_device(user=pending.user):
        return redirect("/account/login/?status=restart")
    allow_remember = not pending.user.is_staff
    if request.method != "POST":
        return login_code_page(request, CodeForm(allow_remember=allow_remember), user=pending.user)
    form = CodeForm(request.POST, allow_remember=allow_remember, unreadable=unreadable(request))
    if not form.is_valid():
        return login_code_page(request, form, user=pending.user, status=400)
    result = sign_in_code_check(
        user=pending.user, code=form.cleaned_data["code"], client=sign_in_client(request)
    )
    if result.outcome == Outcome.LOCKED:
        sessions.pending_clear(request)
        return sign_in_wait(request, retry_at=result.retry_at)
    if result.outcome == Outcome.REFUSED:
        refuse(form, WRONG_CODE)
        return login_code_page(request, form, user=pending.user, status=400)
    sessions.sign_in_complete(request, user=pending.user)
    target = after_sign_in(request, user=pending.user, next_url=pending.next_url)
    response: HttpResponse
    if result.factor == SecondFactor.RECOVERY_CODE:
        left = two_factor.recovery_codes_left(user=pending.user)
        response = page(request, "recovery_code_used.html", {"left": left, "next": target})
    else:
        response = redirect(target)
    if allow_remember and form.cleaned_data.get("remember"):
        _remember_browser(request, response, user=pending.user)
    _device_cookie_set(request, response, user=pending.user)
    return response


def _device_cookie_set(request: HttpRequest, response: HttpResponse, *, user: User) -> None:
    """After both factors: a device cookie for this account (services/device_cookies.py),
    unless the browser already holds a valid one."""
    client = sign_in_client(request)
    token = device_cookie_issue(user=user, token=client.device_token, user_agent=client.user_agent)
    if token is None:
        return
    response.set_cookie(
        device_cookie_name(),
        token,
        max_age=int(DEVICE_COOKIE_LIFETIME.total_seconds()),
        path="/",
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Strict",
    )


def _remember_browser(request: HttpRequest, response: HttpResponse, *, user: User) -> None:
    """A strictly necessary cookie holding only a random token (services/devices.py)."""
    token = remembered_device_add(user=user, user_agent=sign_in_client(request).user_agent)
    response.set_cookie(
        remembered_device_cookie_name(),
        token,
        max_age=int(REMEMBER_FOR.total_seconds()),
        path="/",
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Strict",
    )


@require_http_methods(["GET", "HEAD", "POST"])
def login_enrol_view(request: HttpRequest) -> HttpResponseBase:
    pending = sessions.pending_get(request)
    if pending is None or pending.user.is_staff:
        return redirect("/account/login/?status=restart")
    user = pending.user
    if two_factor.has_confirmed_device(user=user):
        return redirect("accounts:login_code")
    device = (
        TotpDevice.objects.filter(
            pk=pending.device_id, user=user, confirmed_at__isnull=True
        ).first()
        if pending.device_id
        else None
    )
    if device is None:
        device = two_factor.totp_device_start(user=user)
        sessions.pending_set_device(request, device_id=str(device.pk))
    if request.method != "POST":
        return _enrol_page(request, EnrolForm(), device=device)
    form = EnrolForm(request.POST, unreadable=unreadable(request))
    if not form.is_valid():
        return _enrol_page(request, form, device=device, status=400)
    client = sign_in_client(request)
    codes = two_factor.totp_device_confirm(
        user=user, device_id=str(device.pk), code=form.cleaned_data["code"]
    )
    if codes is None:
        refuse(form, WRONG_CODE)
        return _enrol_page(request, form, device=device, status=400)
    sign_in_success_record(user=user, factor=SecondFactor.TOTP, client=client)
    sessions.sign_in_complete(request, user=user)
    target = after_sign_in(request, user=user, next_url=pending.next_url)
    response = page(request, "recovery_codes.html", {"codes": codes, "next": target})
    _device_cookie_set(request, response, user=user)
    return response


def _enrol_page(
    request: HttpRequest, form: EnrolForm, *, device: TotpDevice, status: int = 200
) -> HttpResponse:
    context = {
        "form": form,
        # segno's SVG, made here from our own otpauth:// URI: markup, no script.
        "qr_svg": mark_safe(two_factor.provisioning_qr_svg(device=device)),  # noqa: S308
        "secret": two_factor.format_secret(device.secret),
    }
    return page(request, "login_enrol.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
def logout_view(request: HttpRequest) -> HttpResponseBase:
    if request.method != "POST":
        return page(request, "logout.html", {})
    if request.user.is_authenticated:
        sign_out_record(user=request.user)
    logout(request)  # flushes the server-side session and forgets its id
    return redirect("/account/login/?status=signed-out")
