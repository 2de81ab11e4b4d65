"""/staff/customers/<id>/calls/new/: record a call (DESIGN P14) under a live grant."""

from __future__ import annotations

import uuid

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from partnership.accounts.models import User
from partnership.backoffice import calls, grants
from partnership.backoffice.forms.calls import CallRecordForm
from partnership.backoffice.forms.customers import AccessReasonForm
from partnership.backoffice.models import CallDirection, CallReason
from partnership.backoffice.views.common import reason_page, staff_user


@require_http_methods(["GET", "HEAD", "POST"])
def call_create(request: HttpRequest, customer_id: uuid.UUID) -> HttpResponse:
    staff = staff_user(request)
    customer = grants.customer_get(customer_id=customer_id)
    grant = grants.access_grant_live(staff=staff, customer=customer)
    if grant is None:
        return reason_page(request, customer=customer, form=AccessReasonForm(), status=200)
    if request.method != "POST":
        initial = {"occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M")}
        return _call_page(request, customer=customer, form=CallRecordForm(initial=initial))
    form = CallRecordForm(request.POST)
    if not form.is_valid():
        return _call_page(request, customer=customer, form=form, status=400)
    data = form.cleaned_data
    calls.call_record_create(
        grant=grant,
        data=calls.CallInput(
            occurred_at=data["occurred_at"],
            direction=CallDirection(data["direction"]),
            reason=CallReason(data["reason"]),
            recorded=data["recorded"],
            recording_reference=data["recording_reference"],
            card_payment=data["card_payment"],
            recording_paused_for_security_code=data["recording_paused_for_security_code"],
            notes=data["notes"],
        ),
    )
    return redirect(f"/staff/customers/{customer.pk}/?saved=call")


def _call_page(
    request: HttpRequest, *, customer: User, form: CallRecordForm, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "backoffice/customers/call_form.html",
        {"customer_id": customer.pk, "form": form},
        status=status,
    )
