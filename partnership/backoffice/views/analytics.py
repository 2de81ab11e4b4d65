"""/staff/analytics/: visitor statistics for a chosen range, and the same figures as CSV.

The guard (``backoffice.view_analytics``) is applied from the table in ``urls.py``.
Both answer GET only: the range is in the query string, so a report can be bookmarked.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from partnership.analytics.charts import daily_chart
from partnership.analytics.forms import DEFAULT_PERIOD, ReportRangeForm
from partnership.analytics.reports import report_csv
from partnership.analytics.selectors import analytics_report_get
from partnership.core import clock

TOP_ROWS = 20  # per table on the page; the CSV has every row


def _form(request: HttpRequest) -> ReportRangeForm:
    data = request.GET if request.GET else {"period": DEFAULT_PERIOD}
    return ReportRangeForm(data, today=clock.today_in_london())


@require_safe
def analytics_page(request: HttpRequest) -> HttpResponse:
    form = _form(request)
    if not form.is_valid():
        return render(request, "backoffice/analytics/report.html", {"form": form}, status=400)
    report = analytics_report_get(report_range=form.report_range())
    tables = [
        ("Areas", "Area", report.areas, True),
        ("Countries", "Country", report.countries, False),
        ("Browsers", "Browser", report.browsers, False),
        ("Devices", "Device", report.devices, False),
        ("Referring sites", "Site", report.referrers, False),
    ]
    return render(
        request,
        "backoffice/analytics/report.html",
        {
            "form": form,
            "report": report,
            "chart": daily_chart(days=report.days, threshold=report.threshold),
            "tables": [
                {
                    "title": title,
                    "key_label": key_label,
                    "rows": rows[:TOP_ROWS],
                    "more": max(0, len(rows) - TOP_ROWS),
                    "with_visitors": with_visitors,
                }
                for title, key_label, rows, with_visitors in tables
            ],
            "csv_query": request.GET.urlencode(),
        },
    )


@require_safe
def analytics_csv(request: HttpRequest) -> HttpResponse:
    form = _form(request)
    if not form.is_valid():
        return render(request, "backoffice/analytics/report.html", {"form": form}, status=400)
    report = analytics_report_get(report_range=form.report_range())
    response = HttpResponse(report_csv(report), content_type="text/csv; charset=utf-8")
    filename = f"statistics-{report.range.start.isoformat()}-to-{report.range.end.isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
