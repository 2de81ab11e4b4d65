"""/account/policy-update/: "our privacy policy has changed", once per new version,
between the second sign-in step and wherever the customer was going."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import redirect
from django.views.decorators.http import require_http_methods

from partnership.accounts import sessions
from partnership.accounts.models import User
from partnership.accounts.services.policy_notice import policy_notice_due, policy_notice_record
from partnership.accounts.views.common import page, signed_in_user
from partnership.core.access import customer_required

NOTICE_PATH = "/account/policy-update/"
_AFTER_NOTICE = "accounts.after_policy_notice"


def after_sign_in(request: HttpRequest, *, user: User, next_url: str) -> str:
    """Where to send someone who has just signed in: the policy notice first when a
    version they have not seen is in force, then (remembered in the session) onwards."""
    target = sessions.landing_url(request, user=user, next_url=next_url)
    if policy_notice_due(user=user) is None:
        return target
    request.session[_AFTER_NOTICE] = target
    return NOTICE_PATH


@customer_required
@require_http_methods(["GET", "HEAD", "POST"])
def policy_notice(request: HttpRequest) -> HttpResponseBase:
    user = signed_in_user(request)
    onwards = sessions.landing_url(
        request, user=user, next_url=str(request.session.get(_AFTER_NOTICE, ""))
    )
    if request.method == "POST":
        request.session.pop(_AFTER_NOTICE, None)
        return redirect(onwards)
    version = policy_notice_due(user=user)
    if version is not None:
        # Shown is what is recorded: the notice appears once for each new version.
        policy_notice_record(user=user, version=version)
    # Opened again later, it says there is nothing new (and still leads onwards).
    return page(request, "policy_notice.html", {"version": version})
