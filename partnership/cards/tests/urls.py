"""Test-only URLconf: the site's, plus the card pages under /account/ until
partnership/urls.py includes them."""

from django.urls import include, path

from partnership.urls import handler400, handler403, handler404, handler500
from partnership.urls import urlpatterns as site_urlpatterns

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]

urlpatterns = [
    path("account/", include("partnership.cards.urls")),
    *site_urlpatterns,
]
