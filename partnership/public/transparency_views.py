"""/privacy/transparency/: the published quarterly transparency reports (frozen)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from partnership.compliance.transparency import selectors
from partnership.compliance.transparency.quarters import quarter_parse
from partnership.public.transparency import kind_label, reason_label


@require_safe
def transparency_list(request: HttpRequest) -> HttpResponse:
    reports = selectors.transparency_published()
    return render(request, "public/transparency/list.html", {"reports": reports})


@require_safe
def transparency_quarter(request: HttpRequest, quarter: str) -> HttpResponse:
    parsed = quarter_parse(quarter)
    if parsed is None or quarter != parsed.slug:
        raise Http404
    report = selectors.transparency_get(quarter=parsed)
    if report is None:
        raise Http404
    figures = report.figures
    rights = figures["rights_requests"]
    access = figures["staff_access"]
    context = {
        "report": report,
        "figures": figures,
        "kinds": [(kind_label(k), v) for k, v in rights["by_kind"].items()],
        "reasons": [(reason_label(k), v) for k, v in access["by_reason"].items()],
    }
    return render(request, "public/transparency/quarter.html", context)
