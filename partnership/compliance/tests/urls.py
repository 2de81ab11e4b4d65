"""Test-only URLconf: the site's, plus /complaints/ until partnership/urls.py wires it."""

from django.urls import include, path

from partnership.urls import urlpatterns as site_urlpatterns

urlpatterns = [
    path("complaints/", include("partnership.compliance.complaints.urls")),
    *site_urlpatterns,
]
