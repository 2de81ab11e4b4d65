from __future__ import annotations

from django.core.exceptions import RequestDataTooBig
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_safe

from partnership.core.errors import render_error


@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


@require_safe
def readyz(request: HttpRequest) -> HttpResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return HttpResponse("database unreachable", status=503, content_type="text/plain")
    return HttpResponse("ready", content_type="text/plain")


@require_safe
def too_large(request: HttpRequest) -> HttpResponse:
    """The site's "too large" page, for a proxy that refused a body itself.

    ``deploy/nginx.conf`` answers an oversized body with 413 before passing it on,
    and fetches this page (as a bodiless GET) for the person to see.
    """
    return render_error(request, status=413)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if isinstance(exception, RequestDataTooBig):
        return render_error(request, status=413)
    return render_error(request, status=400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render_error(request, status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render_error(request, status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    return render_error(request, status=500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    if not request.COOKIES:
        # Most likely cookies are switched off: say plainly why this form needs one.
        return render_error(request, status=403, template_name="errors/403_no_cookies.html")
    return render_error(request, status=403)
