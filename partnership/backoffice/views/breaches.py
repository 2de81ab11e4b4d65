"""/staff/compliance/breaches/: the breach register (Art. 33/34), for compliance officers.

The guard (``backoffice.manage_breaches``) is applied from ``urls.py``. Each save is a
new revision (the service refuses bad times and categories; nothing is stored then).
"""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from partnership.backoffice.forms.breaches import BreachForm
from partnership.compliance.breaches import selectors, services
from partnership.compliance.breaches.models import Breach
from partnership.compliance.dpia.selectors import dpia_register
from partnership.core import clock

FORM_TEMPLATE = "backoffice/form.html"


def breach_or_404(breach_id: uuid.UUID) -> Breach:
    breach = selectors.breach_get(breach_id=breach_id)
    if breach is None:
        raise Http404
    return breach


@require_safe
def breach_list(request: HttpRequest) -> HttpResponse:
    rows = selectors.breach_register(now=clock.now())
    return render(request, "backoffice/breaches/list.html", {"rows": rows})


@require_http_methods(["GET", "HEAD", "POST"])
def breach_create(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _form_page(request, form=BreachForm(), breach=None, status=200)
    form = BreachForm(request.POST)
    if form.is_valid():
        try:
            breach = services.breach_record(data=form.to_input(), staff_id=str(request.user.pk))
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return redirect("backoffice:breach", breach_id=breach.pk)
    return _form_page(request, form=form, breach=None, status=400)


@require_safe
def breach_detail(request: HttpRequest, breach_id: uuid.UUID) -> HttpResponse:
    breach = breach_or_404(breach_id)
    current = selectors.breach_current(breach=breach)
    if current is None:
        raise Http404
    context = {
        "row": selectors.breach_row(breach=breach, current=current, now=clock.now()),
        "revisions": selectors.breach_revisions(breach=breach),
        "notified": breach.notifications.count(),
    }
    return render(request, "backoffice/breaches/detail.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def breach_edit(request: HttpRequest, breach_id: uuid.UUID) -> HttpResponse:
    breach = breach_or_404(breach_id)
    current = selectors.breach_current(breach=breach)
    if current is None:
        raise Http404
    if request.method != "POST":
        return _form_page(request, form=BreachForm.for_revision(current), breach=breach, status=200)
    form = BreachForm(request.POST)
    if form.is_valid():
        try:
            services.breach_revise(
                breach=breach, data=form.to_input(), staff_id=str(request.user.pk)
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return redirect("backoffice:breach", breach_id=breach.pk)
    return _form_page(request, form=form, breach=breach, status=400)


def _form_page(
    request: HttpRequest, *, form: BreachForm, breach: Breach | None, status: int
) -> HttpResponse:
    context = {
        "form": form,
        "title": f"Update breach {breach.reference}" if breach else "Record a breach",
        "back_url": f"/staff/compliance/breaches/{breach.pk}/"
        if breach
        else "/staff/compliance/breaches/",
        "back_label": breach.reference if breach else "Breach register",
        "button": "Save a new revision" if breach else "Record the breach",
    }
    return render(request, FORM_TEMPLATE, context, status=status)


@require_safe
def dpia_list(request: HttpRequest) -> HttpResponse:
    rows = dpia_register(today=clock.today_in_london())
    return render(request, "backoffice/breaches/dpia.html", {"rows": rows})
