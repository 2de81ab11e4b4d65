"""/account/policy-update/: "our privacy policy has changed", once per new version,
between the second sign-in step and wherever the customer was going (registered as a
sign-in interstitial in ``apps.py``)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import redirect
from django.views.decorators.http import require_http_methods

from partnership.accounts.after_sign_in import SignInInterstitial, onwards_forget, onwards_url
from partnership.accounts.models import User
from partnership.accounts.views.common import signed_in_user
from partnership.core.access import customer_required
from partnership.privacy_centre.services.policy_notice import (
    policy_notice_due,
    policy_notice_record,
)
from partnership.privacy_centre.views.centre import page

NOTICE_PATH = "/account/policy-update/"


def _due(user: User) -> bool:
    return policy_notice_due(user=user) is not None


POLICY_NOTICE = SignInInterstitial(name="privacy-policy-notice", path=NOTICE_PATH, due=_due)


@customer_required
@require_http_methods(["GET", "HEAD", "POST"])
def policy_notice(request: HttpRequest) -> HttpResponseBase:
    user = signed_in_user(request)
    onwards = onwards_url(request, user=user)
    if request.method == "POST":
        onwards_forget(request)
        return redirect(onwards)
    version = policy_notice_due(user=user)
    if version is not None:
        # Shown is what is recorded: the notice appears once for each new version.
        policy_notice_record(user=user, version=version)
    # Opened again later, it says there is nothing new (and still leads onwards).
    return page(request, "policy_notice.html", {"version": version})
