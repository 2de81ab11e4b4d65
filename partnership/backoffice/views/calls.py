"""/staff/customers/<id>/calls/new/: record a call (DESIGN P14) under a live grant."""

from __future__ import annotations

import uuid

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from partnership.accounts.models import User
from partnership.backoffice.access import access_grant_live
from partnership.backoffice.forms.calls import CallRecordForm
from partnership.backoffice.forms.customers import AccessReasonForm
from partnership.backoffice.services import calls
from partnership.backoffice.views.common import customer_or_404, reason_page, staff_user


@require_http_methods(["GET", "HEAD", "POST"])
def call_create(request: HttpRequest, customer_id: uuid.UUID) -> HttpResponse:
    staff = staff_user(request)
    customer = customer_or_404(customer_id)
    grant = access_grant_live(staff=staff, customer=customer)
    if grant is None:
        return reason_page(request, customer=customer, form=AccessReasonForm(), status=200)
    if request.method != "POST":
        initial = {"occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M")}
        return _call_page(request, customer=customer, form=CallRecordForm(initial=initial))
    form = CallRecordForm(request.POST)
    if not form.is_valid():
        return _call_page(request, customer=customer, form=form, status=400)
    calls.call_record_create(grant=grant, data=form.to_input())
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
