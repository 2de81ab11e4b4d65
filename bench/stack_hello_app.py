"""The Django hello served through the site's whole stack: a ceiling for its pages.

The same fixed view as ``bench.hello_app``, but with everything the site puts around a
page — the forwarded-header guard, the analytics layer (access log), the site's
settings and its full middleware — exactly as ``partnership/wsgi.py`` builds it; only
the URLconf differs (``bench/stack_settings.py``). The home page can be no faster
than this, so ``home / stack hello`` is what the page itself costs and
``stack hello / hello`` what the stack costs (issue 17).
"""

from __future__ import annotations

import os

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, path

os.environ["DJANGO_SETTINGS_MODULE"] = "bench.stack_settings"


def hello(request: HttpRequest) -> HttpResponse:
    return HttpResponse("hello")


urlpatterns: list[URLPattern] = [path("", hello)]

from partnership.wsgi import application  # noqa: E402

__all__ = ["application", "urlpatterns"]
