"""Asking for a person to review the automated decision (Art. 22)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_POST

from partnership.applications import selectors
from partnership.applications.services.review import review_request_receive
from partnership.applications.views.common import EXPIRED
from partnership.applications.views.decision import application_from_reference, decision_page
from partnership.core.csrf import cookieless_form


@cookieless_form
@require_POST
def review_request(request: HttpRequest) -> HttpResponse:
    """Ask for a person to review the automated decision, or contest it (Art. 22)."""
    application = application_from_reference(request.POST.get("decision", ""))
    if application is None:
        notice = selectors.application_collection_notice()
        return render(
            request, "applications/start.html", {"notice": notice, "error": EXPIRED}, status=400
        )
    outcome = review_request_receive(
        application=application, details=request.POST.get("details", "")
    )
    if outcome.error:
        return decision_page(
            request, application=application, repeated=False, review_error=outcome.error, status=400
        )
    return render(
        request,
        "applications/review_received.html",
        {"application": application, "created": outcome.created, "request": outcome.request},
    )
