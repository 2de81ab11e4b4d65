"""/staff/marketing/: exports (marketing staff) and recipients (compliance, administrators).

The guards are applied from the table in ``backoffice/urls.py``; the services check
the permissions again, so no other caller can skip them.
"""

from __future__ import annotations

import uuid

from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from partnership.backoffice import selectors as backoffice_selectors
from partnership.backoffice.forms.marketing import ExportForm, RecipientForm
from partnership.backoffice.marketing_csv import export_csv_lines
from partnership.backoffice.services.marketing import (
    ExportRefused,
    marketing_export_create,
    marketing_export_download,
)
from partnership.backoffice.views.common import staff_user
from partnership.compliance.marketing import selectors, services

FORM_TEMPLATE = "backoffice/form.html"


@require_safe
def export_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "backoffice/marketing/exports.html", {"exports": selectors.export_list()[:200]}
    )


@require_http_methods(["GET", "HEAD", "POST"])
def export_create(request: HttpRequest) -> HttpResponse:
    form = ExportForm(request.POST if request.method == "POST" else None)
    if request.method != "POST":
        return _export_page(request, form=form, status=200)
    if not form.is_valid():
        return _export_page(request, form=form, status=400)
    try:
        marketing_export_create(
            staff_user=staff_user(request),
            recipient_id=form.cleaned_data["recipient"].pk,
            channel=form.cleaned_data["channel"],
        )
    except ExportRefused as refused:
        form.add_error(
            "recipient",
            f"Export refused: {refused.reason.label}. Customers' details go only to "
            "Partnership companies; this attempt has been recorded.",
        )
        return _export_page(request, form=form, status=403)
    return redirect("backoffice:marketing_exports")


@require_safe
def export_csv(request: HttpRequest, export_id: int) -> HttpResponse | StreamingHttpResponse:
    export = backoffice_selectors.marketing_export_get(export_id=export_id)
    if export is None:
        raise Http404
    try:
        rows = marketing_export_download(staff_user=staff_user(request), export=export)
    except ExportRefused as refused:
        return render(
            request,
            "backoffice/marketing/refused.html",
            {"reason": refused.reason.label},
            status=403,
        )
    response = StreamingHttpResponse(export_csv_lines(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="marketing-export-{export.pk}-{export.channel}.csv"'
    )
    response["Cache-Control"] = "no-store"
    return response


def _export_page(request: HttpRequest, *, form: ExportForm, status: int) -> HttpResponse:
    context = {
        "form": form,
        "title": "New marketing export",
        "back_url": "/staff/marketing/exports/",
        "back_label": "Marketing exports",
        "button": "Make the export",
    }
    return render(request, FORM_TEMPLATE, context, status=status)


@require_safe
def recipient_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "backoffice/marketing/recipients.html", {"recipients": selectors.recipient_list()}
    )


@require_http_methods(["GET", "HEAD", "POST"])
def recipient_create(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _recipient_page(request, form=RecipientForm(), editing=False, status=200)
    form = RecipientForm(request.POST)
    if not form.is_valid():
        return _recipient_page(request, form=form, editing=False, status=400)
    services.recipient_create(staff_user=staff_user(request), data=form.to_input())
    return redirect("backoffice:marketing_recipients")


@require_http_methods(["GET", "HEAD", "POST"])
def recipient_edit(request: HttpRequest, recipient_id: uuid.UUID) -> HttpResponse:
    recipient = selectors.recipient_get(recipient_id=recipient_id)
    if recipient is None:
        raise Http404
    if request.method != "POST":
        form = RecipientForm.for_recipient(recipient)
        return _recipient_page(request, form=form, editing=True, status=200)
    form = RecipientForm(request.POST)
    if not form.is_valid():
        return _recipient_page(request, form=form, editing=True, status=400)
    services.recipient_update(
        staff_user=staff_user(request), recipient_id=recipient.pk, data=form.to_input()
    )
    return redirect("backoffice:marketing_recipients")


def _recipient_page(
    request: HttpRequest, *, form: RecipientForm, editing: bool, status: int
) -> HttpResponse:
    context = {
        "form": form,
        "title": "Edit recipient" if editing else "Add a recipient",
        "back_url": "/staff/marketing/recipients/",
        "back_label": "Marketing recipients",
        "button": "Save",
    }
    return render(request, FORM_TEMPLATE, context, status=status)
