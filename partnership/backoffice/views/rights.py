"""/staff/rights/: data-rights requests and the law's clocks (partnership.compliance.rights).

The guard (``backoffice.view_customer_personal_data``) is applied from ``urls.py``. The
list shows no personal data: kind, dates, status and whether the request is overdue.
The detail page shows the request by ids and enums only, and takes its actions by POST
to the same URL; each goes through ``services.rights.rights_request_act`` to the service
in ``compliance.rights.handling`` (or the erasure), which checks the rule and records the
audit event. Bad input is answered with the form and a 400, and changes nothing.
"""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from partnership.audit.services import Actor
from partnership.backoffice import selectors
from partnership.backoffice.forms.rights import RightsActionForm
from partnership.backoffice.services.rights import rights_request_act
from partnership.compliance.rights import handling
from partnership.compliance.rights.models import (
    RightsRequest,
    RightsRequestKind,
    RightsRequestStatus,
)
from partnership.core import clock
from partnership.privacy.erasure import ErasureRefused


@require_safe
def rights_list(request: HttpRequest) -> HttpResponse:
    show = request.GET.get("show", "open")
    if show not in selectors.RIGHTS_FILTERS:
        show = "open"
    rows = selectors.rights_request_rows(show=show, today=clock.today_in_london())
    return render(
        request,
        "backoffice/rights/list.html",
        {"rows": rows, "show": show, "filters": selectors.RIGHTS_FILTERS},
    )


@require_http_methods(["GET", "HEAD", "POST"])
def rights_detail(request: HttpRequest, request_id: uuid.UUID) -> HttpResponse:
    rights_request = selectors.rights_request_get(request_id=request_id)
    if rights_request is None:
        raise Http404
    if request.method != "POST":
        return _detail(request, rights_request, RightsActionForm(), status=200)
    form = RightsActionForm(request.POST)
    if not form.is_valid():
        return _detail(request, rights_request, form, status=400)
    try:
        rights_request_act(
            rights_request=rights_request,
            data=form.to_action(),
            actor=Actor.staff(str(request.user.pk)),
        )
    except (handling.RightsRequestRefused, ErasureRefused) as exc:
        form.add_error(None, ValidationError(str(exc)))
        rights_request.refresh_from_db()
        return _detail(request, rights_request, form, status=400)
    return redirect("backoffice:rights_request", request_id=rights_request.pk)


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
