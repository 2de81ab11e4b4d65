"""/staff/compliance/: the privacy self-audit (``privacy_audit``) as a page.

The same report the command prints, run on opening the page; evidence lines hold
counts and table names only, never personal data.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from partnership.core.selfaudit import promises_without_checks, run_all


@require_http_methods(["GET", "HEAD"])
def compliance_dashboard(request: HttpRequest) -> HttpResponseBase:
    report = run_all()
    return render(
        request,
        "backoffice/compliance/dashboard.html",
        {"report": report, "unchecked": promises_without_checks()},
    )
