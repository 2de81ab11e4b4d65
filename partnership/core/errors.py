"""Friendly error pages that say what happened and nothing about the system."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template import loader

ERROR_TEMPLATES = {
    400: "errors/400.html",
    403: "errors/403.html",
    404: "errors/404.html",
    413: "errors/413.html",
    429: "errors/429.html",
    500: "errors/500.html",
}


def render_error(request: HttpRequest, *, status: int, template_name: str = "") -> HttpResponse:
    """Render the page for ``status`` without touching the database or the session."""
    template = loader.get_template(template_name or ERROR_TEMPLATES[status])
    # A bare context: error pages must work when nothing else does.
    body = template.render({"status": status, "brand": settings.BRAND})
    return HttpResponse(body, status=status, content_type="text/html; charset=utf-8")
