"""/staff/compliance/processing/: the record of processing activities (Art. 30).

Built on opening from the registries (``compliance.processing.record``); the same
record ``manage.py processing_record`` prints. ``?format=json`` or ``?format=csv``
downloads it.
"""

from __future__ import annotations

import json

from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from partnership.compliance.processing.record import processing_record, processing_record_csv


@require_http_methods(["GET", "HEAD"])
def processing_record_page(request: HttpRequest) -> HttpResponseBase:
    wanted = request.GET.get("format", "html")
    if wanted == "json":
        body = json.dumps(processing_record(), indent=2, ensure_ascii=False)
        response = HttpResponse(body, content_type="application/json")
        response["Content-Disposition"] = 'attachment; filename="processing-record.json"'
        return response
    if wanted == "csv":
        response = HttpResponse(processing_record_csv(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="processing-record.csv"'
        return response
    if wanted != "html":
        return render(
            request,
            "backoffice/compliance/processing.html",
            {"record": None, "bad_format": True},
            status=400,
        )
    return render(request, "backoffice/compliance/processing.html", {"record": processing_record()})
