from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from partnership.compliance.complaints import selectors
from partnership.compliance.complaints.forms import RADIO_FIELDS, ComplaintForm
from partnership.compliance.complaints.models import Complaint
from partnership.compliance.complaints.services import complaint_submit
from partnership.compliance.complaints.tokens import form_token_issue, form_token_read
from partnership.core.csrf import cookieless_form
from partnership.core.text import unreadable_fields

EXPIRED_FORM = (
    "This form could not be matched to one we sent, so nothing was recorded. "
    "Please check your details below and send it again."
)


@cookieless_form  # works with cookies off (docs/forms-without-cookies.md)
@require_http_methods(["GET", "HEAD", "POST"])
def complaint_form(request: HttpRequest) -> HttpResponse:
    notice = selectors.complaint_collection_notice()
    if request.method != "POST":
        form = ComplaintForm(entry=notice.entry)
        return _form_page(request, form=form, notice=notice, token=form_token_issue(), status=200)

    key = form_token_read(request.POST.get("form_token", ""))
    if key is not None:
        already = selectors.complaint_by_submission_key(key=key)
        if already is not None:
            return _received_page(request, complaint=already, repeated=True)
    form = ComplaintForm(request.POST, entry=notice.entry, unreadable=_unreadable(request))
    if key is None or not form.is_valid():
        if key is None:
            form.add_error(None, EXPIRED_FORM)
        token = form_token_issue() if key is None else request.POST["form_token"]
        return _form_page(request, form=form, notice=notice, token=token, status=400)
    complaint = complaint_submit(data=form.to_input(), idempotency_key=key)
    return _received_page(request, complaint=complaint, repeated=False)


def _unreadable(request: HttpRequest) -> frozenset[str]:
    if request.content_type != "application/x-www-form-urlencoded":
        return frozenset()
    return unreadable_fields(request.body)


def _form_page(
    request: HttpRequest,
    *,
    form: ComplaintForm,
    notice: selectors.CollectionNotice,
    token: str,
    status: int,
) -> HttpResponse:
    return render(
        request,
        "compliance/complaints/form.html",
        {
            "form": form,
            "form_token": token,
            "radio_fields": RADIO_FIELDS,
            "notice": notice,
            "controller": settings.BRAND["issuer_name"],
        },
        status=status,
    )


def _received_page(request: HttpRequest, *, complaint: Complaint, repeated: bool) -> HttpResponse:
    return render(
        request,
        "compliance/complaints/received.html",
        {"complaint": complaint, "repeated": repeated},
    )
