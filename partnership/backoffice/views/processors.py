"""/staff/processors/: the processor register (P7), kept by compliance officers.

The guard (``backoffice.manage_processors``) is applied from the table in ``urls.py``.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from partnership.backoffice.forms.processors import ProcessorForm
from partnership.compliance.processors import selectors, services
from partnership.compliance.processors.models import DataCategory
from partnership.core import clock

FORM_TEMPLATE = "backoffice/form.html"


@require_safe
def processor_list(request: HttpRequest) -> HttpResponse:
    today = clock.today_in_london()
    labels = dict(DataCategory.choices)
    rows = [
        {
            "processor": processor,
            "categories": [labels[value] for value in processor.data_categories],
            "overdue": processor.audit_overdue(today=today),
        }
        for processor in selectors.processor_list()
    ]
    return render(
        request,
        "backoffice/processors/list.html",
        {"rows": rows, "overdue_count": sum(row["overdue"] for row in rows)},
    )


@require_http_methods(["GET", "HEAD", "POST"])
def processor_create(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _form_page(request, form=ProcessorForm(), editing=False, status=200)
    form = ProcessorForm(request.POST)
    if not form.is_valid():
        return _form_page(request, form=form, editing=False, status=400)
    services.processor_create(data=form.to_input(), staff_id=str(request.user.pk))
    return redirect("backoffice:processors")


@require_http_methods(["GET", "HEAD", "POST"])
def processor_edit(request: HttpRequest, processor_id: int) -> HttpResponse:
    processor = selectors.processor_get(processor_id=processor_id)
    if processor is None:
        raise Http404
    if request.method != "POST":
        form = ProcessorForm.for_processor(processor)
        return _form_page(request, form=form, editing=True, status=200)
    form = ProcessorForm(request.POST)
    if not form.is_valid():
        return _form_page(request, form=form, editing=True, status=400)
    services.processor_update(
        processor_id=processor.pk, data=form.to_input(), staff_id=str(request.user.pk)
    )
    return redirect("backoffice:processors")


def _form_page(
    request: HttpRequest, *, form: ProcessorForm, editing: bool, status: int
) -> HttpResponse:
    context = {
        "form": form,
        "title": "Edit processor" if editing else "Add a processor",
        "back_url": "/staff/processors/",
        "back_label": "Processor register",
        "button": "Save",
    }
    return render(request, FORM_TEMPLATE, context, status=status)
