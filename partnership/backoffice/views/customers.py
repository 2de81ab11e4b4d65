"""/staff/customers/: find one customer by an exact key, state why, then see their data.

The guard (``backoffice.view_customer_personal_data``) is applied from ``urls.py``; on
top of it, every page showing a customer's personal data needs the viewer's own live
``AccessGrant`` for that customer (``backoffice.access``), else it shows the reason form.
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from partnership.accounts.staff_access import AccessReason
from partnership.backoffice import selectors
from partnership.backoffice.access import access_grant_live
from partnership.backoffice.forms.customers import AccessReasonForm, CustomerSearchForm
from partnership.backoffice.services import grants, search
from partnership.backoffice.views.common import customer_or_404, reason_page, staff_user
from partnership.core import clock


@require_http_methods(["GET", "HEAD", "POST"])
def customer_search_page(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _search_page(request, form=CustomerSearchForm(), status=200)
    form = CustomerSearchForm(request.POST)
    if not form.is_valid():
        return _search_page(request, form=form, status=400)
    try:
        found = search.customer_search(staff=staff_user(request), **form.cleaned_data)
    except search.SearchLimitReached as refused:
        return _search_limited(request, retry_after=refused.retry_after)
    if found is None:
        return _search_page(request, form=CustomerSearchForm(), status=200, no_match=True)
    return redirect("backoffice:customer", customer_id=found.pk)


def _search_page(
    request: HttpRequest, *, form: CustomerSearchForm, status: int, no_match: bool = False
) -> HttpResponse:
    return render(
        request,
        "backoffice/customers/search.html",
        {
            "form": form,
            "no_match": no_match,
            "searches": search.SEARCHES_PER_WINDOW,
            "minutes": int(search.SEARCH_WINDOW.total_seconds() // 60),
        },
        status=status,
    )


def _search_limited(request: HttpRequest, *, retry_after: dt.datetime) -> HttpResponse:
    response = render(
        request,
        "backoffice/customers/limited.html",
        {
            "retry_at": retry_after.astimezone(clock.LONDON),
            "searches": search.SEARCHES_PER_WINDOW,
            "minutes": int(search.SEARCH_WINDOW.total_seconds() // 60),
        },
        status=429,
    )
    response["Retry-After"] = str(max(1, int((retry_after - clock.now()).total_seconds())))
    return response


@require_http_methods(["GET", "HEAD", "POST"])
def customer_detail(request: HttpRequest, customer_id: uuid.UUID) -> HttpResponse:
    staff = staff_user(request)
    customer = customer_or_404(customer_id)
    if request.method == "POST":
        form = AccessReasonForm(request.POST)
        if not form.is_valid():
            return reason_page(request, customer=customer, form=form, status=400)
        try:
            grants.access_grant_create(
                staff=staff,
                customer=customer,
                reason_category=AccessReason(form.cleaned_data["reason_category"]),
                reason_text=form.cleaned_data["reason_text"],
                case_reference=form.cleaned_data["case_reference"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
            return reason_page(request, customer=customer, form=form, status=400)
        return redirect("backoffice:customer", customer_id=customer.pk)
    grant = access_grant_live(staff=staff, customer=customer)
    if grant is None:
        return reason_page(request, customer=customer, form=AccessReasonForm(), status=200)
    grants.customer_view_record(grant=grant, page="customer")
    context = {
        "customer": customer,
        **selectors.customer_overview(customer=customer),
        "grant": grant,
        "reason": AccessReason(grant.reason_category).label,
    }
    return render(request, "backoffice/customers/detail.html", context)
