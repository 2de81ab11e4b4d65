"""The decision page, reached by a signed reference to the application."""

from __future__ import annotations

import uuid

from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from partnership.applications import drafts, selectors
from partnership.applications.decision.reasons import Reason
from partnership.applications.models import Application, Outcome
from partnership.applications.views.common import SESSION_DRAFT
from partnership.core.csrf import browser_keeps_cookies
from partnership.core.text import RIGHTS_DETAILS_MAX

SESSION_DECISION = "applications.decision"
_decision_signer = signing.Signer(salt="partnership.applications.decision-reference")


def decision_reference(application: Application) -> str:
    return _decision_signer.sign(application.pk.hex)


def application_from_reference(reference: str) -> Application | None:
    if not reference or len(reference) > drafts.REFERENCE_MAX:
        return None
    try:
        application_id = uuid.UUID(hex=_decision_signer.unsign(reference))
    except (signing.BadSignature, ValueError):
        return None
    return Application.objects.filter(pk=application_id).first()


def decided(request: HttpRequest, *, application: Application, repeated: bool) -> HttpResponse:
    if browser_keeps_cookies(request):
        request.session.pop(SESSION_DRAFT, None)
        request.session[SESSION_DECISION] = decision_reference(application)
        return redirect("applications:decision")
    return decision_page(request, application=application, repeated=repeated)


@require_http_methods(["GET", "HEAD"])
def decision(request: HttpRequest) -> HttpResponse:
    application = application_from_reference(request.session.get(SESSION_DECISION, ""))
    if application is None:
        return redirect("applications:start")
    return decision_page(request, application=application, repeated=False)


def decision_page(
    request: HttpRequest,
    *,
    application: Application,
    repeated: bool,
    review_error: str = "",
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "applications/decision.html",
        {
            "application": application,
            "approved": application.outcome == Outcome.APPROVED,
            "declined": application.outcome == Outcome.DECLINED,
            "referred": application.outcome == Outcome.REFERRED,
            "reasons": [Reason(code) for code in application.reasons],
            "account": selectors.application_card_account(application=application),
            "decision_ref": decision_reference(application),
            "repeated": repeated,
            "review_error": review_error,
            "details_max": RIGHTS_DETAILS_MAX,
        },
        status=status,
    )
