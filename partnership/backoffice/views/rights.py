"""/staff/rights/: data-rights requests and the law's clocks (partnership.compliance.rights).

The guard (``backoffice.view_customer_personal_data``) is applied from ``urls.py``. The
list shows no personal data: kind, dates, status and whether the request is overdue.
The detail page shows the request by ids and enums only, and takes its actions by POST
to the same URL; each goes through the service in ``privacy.rights.handling`` (or
``privacy.erasure``), which checks the rule and records the audit event. Bad input is
answered with the form and a 400, and changes nothing.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from partnership.audit.services import Actor
from partnership.backoffice.forms.rights import RightsActionForm
from partnership.compliance.rights import handling
from partnership.compliance.rights.erasure import erasure_run
from partnership.compliance.rights.models import (
    PauseReason,
    RightsRequest,
    RightsRequestKind,
    RightsRequestStatus,
)
from partnership.core import clock
from partnership.privacy.erasure import ErasureRefused

FILTERS = {"open": "Open", "overdue": "Overdue", "all": "All"}


def _row(request: RightsRequest, today: Any) -> dict[str, Any]:
    return {
        "request": request,
        "overdue": handling.rights_request_is_overdue(request=request, today=today),
    }


@require_safe
def rights_list(request: HttpRequest) -> HttpResponse:
    show = request.GET.get("show", "open")
    if show not in FILTERS:
        show = "open"
    today = clock.today_in_london()
    requests = RightsRequest.objects.order_by("due_on", "received_at")
    if show != "all":
        requests = requests.exclude(status=RightsRequestStatus.CLOSED)
    rows = [_row(item, today) for item in requests]
    if show == "overdue":
        rows = [row for row in rows if row["overdue"]]
    return render(
        request,
        "backoffice/rights/list.html",
        {"rows": rows, "show": show, "filters": FILTERS},
    )


@require_http_methods(["GET", "HEAD", "POST"])
def rights_detail(request: HttpRequest, request_id: uuid.UUID) -> HttpResponse:
    rights_request = RightsRequest.objects.filter(pk=request_id).first()
    if rights_request is None:
        raise Http404
    if request.method != "POST":
        return _detail(request, rights_request, RightsActionForm(), status=200)
    form = RightsActionForm(request.POST)
    if not form.is_valid():
        return _detail(request, rights_request, form, status=400)
    try:
        _act(rights_request, form.cleaned_data, actor=Actor.staff(str(request.user.pk)))
    except (handling.RightsRequestRefused, ErasureRefused) as exc:
        form.add_error(None, ValidationError(str(exc)))
        rights_request.refresh_from_db()
        return _detail(request, rights_request, form, status=400)
    return redirect("backoffice:rights_request", request_id=rights_request.pk)


def _act(rights_request: RightsRequest, data: dict[str, Any], *, actor: Actor) -> None:
    action = data["action"]
    pk = rights_request.pk
    if action == "pause":
        handling.rights_request_pause(
            request_id=pk, reason=PauseReason(data["pause_reason"]), actor=actor
        )
    elif action == "resume":
        handling.rights_request_resume(request_id=pk, actor=actor)
    elif action == "extend":
        handling.rights_request_extend(
            request_id=pk, months=data["months"], reason=data["extension_reason"], actor=actor
        )
    elif action == "complete":
        handling.rights_request_complete(request_id=pk, actor=actor)
    elif action == "export":
        handling.rights_request_run_export(request_id=pk, email=data["email"], actor=actor)
    else:
        if rights_request.kind != RightsRequestKind.ERASURE:
            raise ErasureRefused("Only an erasure request erases data.")
        if rights_request.erasure_summary:
            raise ErasureRefused("The erasure for this request has already been run.")
        subject = handling.rights_request_subject(request=rights_request, email=data["email"])
        erasure_run(request=rights_request, subject=subject, actor=actor)


def _detail(
    request: HttpRequest, rights_request: RightsRequest, form: RightsActionForm, *, status: int
) -> HttpResponse:
    today = clock.today_in_london()
    return render(
        request,
        "backoffice/rights/detail.html",
        {
            "rights_request": rights_request,
            "overdue": handling.rights_request_is_overdue(request=rights_request, today=today),
            "closed": rights_request.status == RightsRequestStatus.CLOSED,
            "is_access": rights_request.kind == RightsRequestKind.ACCESS,
            "is_erasure": rights_request.kind == RightsRequestKind.ERASURE,
            "form": form,
        },
        status=status,
    )
