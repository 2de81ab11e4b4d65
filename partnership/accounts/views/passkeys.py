"""Passkeys in the browser: the challenge endpoints the script calls, the passkey step
of sign-in, and the add/remove handling the privacy centre (customers) and the staff
profile page (backoffice) share. The pages work without JavaScript: they say passkeys
need it, and the code path is untouched."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from partnership.accounts import sessions
from partnership.accounts.after_sign_in import after_sign_in
from partnership.accounts.forms import (
    CodeForm,
    PasskeyAddForm,
    PasskeyRemoveForm,
    PasskeySignInForm,
    refuse,
)
from partnership.accounts.models import User
from partnership.accounts.services.passkey_changes import (
    ChangeOutcome,
    StepUp,
    passkey_add,
    passkey_remove,
)
from partnership.accounts.services.passkeys import (
    Ceremony,
    Refusal,
    has_passkey,
    passkey_authentication_options,
    passkey_list,
    passkey_registration_options,
)
from partnership.accounts.services.sign_in import Outcome, sign_in_passkey_check
from partnership.accounts.views.common import (
    page,
    sign_in_client,
    sign_in_wait,
    signed_in_required,
    signed_in_user,
    unreadable,
)
from partnership.core.middleware import CSP_CONNECT_SOURCES_ATTRIBUTE, CSP_SCRIPT_SOURCES_ATTRIBUTE

PASSKEY_REFUSED = (
    "That passkey could not be checked: it may be for another account or site, or the "
    "request took too long. Try again, or use your authenticator code."
)
ADD_REFUSED = (
    "Your passkey could not be added: the browser's answer did not check out or took "
    "too long. Nothing was saved. Try again."
)
ALREADY_ADDED = "That passkey is already added. Nothing was saved."
TOO_MANY = "You have 10 passkeys, the most we keep. Remove one first. Nothing was saved."
WRONG_STEP_UP = (
    "That code is not right, or it has been used already, or the passkey could not be "
    "checked. Nothing was changed."
)


def passkey_script_allow(request: HttpRequest) -> None:
    """This response may load static/js/passkeys.js and let it post to this site."""
    sources = [*getattr(request, CSP_SCRIPT_SOURCES_ATTRIBUTE, ())]
    if "'self'" not in sources:
        setattr(request, CSP_SCRIPT_SOURCES_ATTRIBUTE, [*sources, "'self'"])
    setattr(request, CSP_CONNECT_SOURCES_ATTRIBUTE, ["'self'"])


def _options(body: str) -> HttpResponse:
    return HttpResponse(body, content_type="application/json")


def _no_options(message: str, status: int) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


# --- options for the signed-in: adding a passkey, or a passkey as step-up -----------------
@signed_in_required
@require_POST
def passkey_options(request: HttpRequest) -> HttpResponseBase:
    user = signed_in_user(request)
    ceremony = request.POST.get("ceremony", "")
    if ceremony == Ceremony.REGISTER:
        return _options(passkey_registration_options(user=user, session=request.session))
    if ceremony == Ceremony.STEP_UP and has_passkey(user=user):
        return _options(
            passkey_authentication_options(
                user=user, ceremony=Ceremony.STEP_UP, session=request.session
            )
        )
    return _no_options("Ask for a passkey to add, or to confirm with one you have.", 400)


# --- sign-in: the second step with a passkey ----------------------------------------------
@require_POST
def login_passkey_options(request: HttpRequest) -> HttpResponseBase:
    pending = sessions.pending_get(request)
    if pending is None or not has_passkey(user=pending.user):
        return _no_options("Your sign-in took too long. Start again.", 400)
    body = passkey_authentication_options(
        user=pending.user, ceremony=Ceremony.SIGN_IN, session=request.session
    )
    return _options(body)


@require_POST
def login_passkey(request: HttpRequest) -> HttpResponseBase:
    pending = sessions.pending_get(request)
    if pending is None:
        return redirect("/account/login/?status=restart")
    form = PasskeySignInForm(request.POST, unreadable=unreadable(request))
    code_form = CodeForm(allow_remember=not pending.user.is_staff)
    if not form.is_valid():
        return login_code_page(request, code_form, user=pending.user, errors=form, status=400)
    result = sign_in_passkey_check(
        user=pending.user,
        credential=form.cleaned_data["credential"],
        session=request.session,
        client=sign_in_client(request),
    )
    if result.outcome == Outcome.LOCKED:
        sessions.pending_clear(request)
        return sign_in_wait(request, retry_at=result.retry_at)
    if result.outcome == Outcome.REFUSED:
        refuse(form, PASSKEY_REFUSED)
        return login_code_page(request, code_form, user=pending.user, errors=form, status=400)
    sessions.sign_in_complete(request, user=pending.user)
    return redirect(after_sign_in(request, user=pending.user, next_url=pending.next_url))


def login_code_page(
    request: HttpRequest,
    form: CodeForm,
    *,
    user: User,
    errors: PasskeySignInForm | None = None,
    status: int = 200,
) -> HttpResponse:
    """The second step: the code form, and "use your passkey" when the person has one."""
    offers_passkey = has_passkey(user=user)
    if offers_passkey:
        passkey_script_allow(request)
    context = {"form": errors or form, "code_form": form, "offers_passkey": offers_passkey}
    return page(request, "login_code.html", context, status=status)


# --- adding and removing, for the privacy centre and the staff profile page ---------------
@dataclass(frozen=True)
class Handled:
    """What a post did: ``status`` 0 when done (the caller redirects), else the answer's."""

    status: int
    add_form: PasskeyAddForm | None = None
    remove_form: PasskeyRemoveForm | None = None


def passkeys_context(
    request: HttpRequest, *, user: User, handled: Handled | None = None
) -> dict[str, Any]:
    passkey_script_allow(request)
    add_form = handled.add_form if handled and handled.add_form else PasskeyAddForm()
    remove_form = handled.remove_form if handled else None
    return {
        "passkeys": list(passkey_list(user=user)),
        "add_form": add_form,
        "remove_form": remove_form,
        "form": (handled.add_form or handled.remove_form) if handled else None,
    }


_ADD_REFUSALS = {
    ChangeOutcome.WRONG_CODE: WRONG_STEP_UP,
    ChangeOutcome.TOO_MANY: TOO_MANY,
}


def passkey_add_post(request: HttpRequest, *, user: User) -> Handled:
    form = PasskeyAddForm(request.POST, unreadable=unreadable(request))
    if not form.is_valid():
        return Handled(400, add_form=form)
    data = form.cleaned_data
    outcome, refusal = passkey_add(
        user=user,
        name=data["name"],
        credential=data["credential"],
        step_up=StepUp(code=data["code"], assertion=data["assertion"]),
        session=request.session,
        client=sign_in_client(request),
    )
    if outcome == ChangeOutcome.LOCKED:
        return Handled(429)
    if outcome != ChangeOutcome.DONE:
        duplicate = refusal == Refusal.DUPLICATE_CREDENTIAL
        refuse(form, ALREADY_ADDED if duplicate else _ADD_REFUSALS.get(outcome, ADD_REFUSED))
        return Handled(400, add_form=form)
    return Handled(0)


def passkey_remove_post(request: HttpRequest, *, user: User) -> Handled:
    form = PasskeyRemoveForm(request.POST, unreadable=unreadable(request))
    if not form.is_valid():
        return Handled(400, remove_form=form)
    data = form.cleaned_data
    outcome = passkey_remove(
        user=user,
        passkey_id=str(data["passkey"]),
        step_up=StepUp(code=data["code"], assertion=data["assertion"]),
        session=request.session,
        client=sign_in_client(request),
    )
    if outcome == ChangeOutcome.NOT_FOUND:
        return Handled(404)
    if outcome == ChangeOutcome.LOCKED:
        return Handled(429)
    if outcome != ChangeOutcome.DONE:
        refuse(form, WRONG_STEP_UP)
        return Handled(400, remove_form=form)
    return Handled(0)
