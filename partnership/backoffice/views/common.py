"""What several back-office views share: the signed-in member of staff, the reason form."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from partnership.accounts.models import User
from partnership.backoffice.forms.customers import AccessReasonForm


def staff_user(request: HttpRequest) -> User:
    """The signed-in member of staff (the URL table's guard let only staff in)."""
    user = request.user
    assert isinstance(user, User)
    return user


def reason_page(
    request: HttpRequest, *, customer: User, form: AccessReasonForm, status: int
) -> HttpResponse:
    return render(
        request,
        "backoffice/customers/reason.html",
        {"customer_id": customer.pk, "form": form},
        status=status,
    )
