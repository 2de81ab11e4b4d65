"""The "hello" reference of DESIGN.md §6: Django with no middleware and one fixed view.

Served by ``bench.server.hello()`` on gunicorn and on granian, each with the command line
``bin/serve`` would use (partnership/core/serve_command.py) and the site's workers.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.core.wsgi import get_wsgi_application
from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, path


def hello(request: HttpRequest) -> HttpResponse:
    return HttpResponse("hello")


urlpatterns: list[URLPattern] = [path("", hello)]

if not settings.configured:
    settings.configure(
        DEBUG=False,
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS=["127.0.0.1"],
        ROOT_URLCONF=__name__,
        MIDDLEWARE=[],
        INSTALLED_APPS=[],
        TEMPLATES=[],
        USE_I18N=False,
        USE_TZ=True,
        DATABASES={},
    )

application: WSGIHandler = get_wsgi_application()
