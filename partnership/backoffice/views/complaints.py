"""/staff/complaints/: the queue of open complaints, with the 30-day acknowledgement clock.

The guard (``backoffice.handle_complaints``) is applied from ``urls.py``. The queue shows
no personal data (reference, topic, dates); opening one complaint shows the
complainant's details and is audited with the purpose ``complaint_handling``: the
complainant gave them to us to have the complaint handled, so the purpose is the
queue's own and needs no separate reason step (unlike a customer's account data).
"""

from __future__ import annotations

import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from partnership.backoffice import selectors as backoffice_selectors
from partnership.backoffice.forms.complaints import ComplaintActionForm
from partnership.compliance.complaints import selectors, services
from partnership.compliance.complaints.models import Complaint
from partnership.core import clock


@require_safe
def complaint_queue(request: HttpRequest) -> HttpResponse:
    today = clock.today_in_london()
    rows = [
        {
            "complaint": complaint,
            "overdue": selectors.complaint_is_overdue(complaint=complaint, today=today),
        }
        for complaint in selectors.complaint_queue()
    ]
    return render(request, "backoffice/complaints/queue.html", {"rows": rows})


@require_http_methods(["GET", "HEAD", "POST"])
def complaint_detail(request: HttpRequest, complaint_id: uuid.UUID) -> HttpResponse:
    complaint = backoffice_selectors.complaint_get(complaint_id=complaint_id)
    if complaint is None:
        raise Http404
    staff_id = str(request.user.pk)
    if request.method == "POST":
        form = ComplaintActionForm(request.POST)
        if not form.is_valid():
            return _detail(request, complaint=complaint, error="Choose an action.", status=400)
        try:
            _step(complaint=complaint, staff_id=staff_id, data=form.cleaned_data)
        except ValidationError as exc:
            message = " ".join(exc.messages)
            return _detail(request, complaint=complaint, error=message, status=400, form=form)
        except services.ComplaintStateError as exc:
            return _detail(
                request, complaint=complaint, error=str(exc).capitalize() + ".", status=409
            )
        return redirect("backoffice:complaints")
    services.complaint_view_record(complaint=complaint, staff_id=staff_id)
    return _detail(request, complaint=complaint, error="", status=200)


def _step(*, complaint: Complaint, staff_id: str, data: dict[str, Any]) -> None:
    if data["action"] == "acknowledge":
        services.complaint_acknowledge(complaint=complaint, staff_id=staff_id)
    else:
        services.complaint_close(
            complaint=complaint,
            staff_id=staff_id,
            outcome=data["outcome"],
            steps_taken=data["steps_taken"],
        )


def _detail(
    request: HttpRequest,
    *,
    complaint: Complaint,
    error: str,
    status: int,
    form: ComplaintActionForm | None = None,
) -> HttpResponse:
    overdue = selectors.complaint_is_overdue(complaint=complaint, today=clock.today_in_london())
    context = {
        "complaint": complaint,
        "overdue": overdue,
        "error": error,
        "form": form or ComplaintActionForm(),
    }
    return render(request, "backoffice/complaints/detail.html", context, status=status)
