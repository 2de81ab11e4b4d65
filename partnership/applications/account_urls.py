"""The application's page in the customer area, included under ``account/``."""

from django.urls import path

from partnership.applications.views import agreement

app_name = "applications-account"

urlpatterns = [
    path("agreement/", agreement.agreement_download, name="agreement"),
]
