"""What several back-office views share: the signed-in member of staff, the customer of
the page, the reason form."""

from __future__ import annotations

import uuid

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from partnership.accounts.models import User
from partnership.backoffice import selectors
from partnership.backoffice.forms.customers import AccessReasonForm


def staff_user(request: HttpRequest) -> User:
    """The signed-in member of staff (the URL table's guard let only staff in)."""
    user = request.user
    assert isinstance(user, User)
    return user


def customer_or_404(customer_id: uuid.UUID) -> User:
    """The customer of a /staff/customers/<id>/ page: 404 for no such customer, and for
    a member of staff."""
    customer = selectors.customer_get(customer_id=customer_id)
    if customer is None:
        raise Http404
    return customer


def reason_page(
    request: HttpRequest, *, customer: User, form: AccessReasonForm, status: int
) -> HttpResponse:
    return render(
        request,
        "backoffice/customers/reason.html",
        {"customer_id": customer.pk, "form": form},
        status=status,
    )
