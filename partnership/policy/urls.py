from django.urls import path

from partnership.consent import urls as consent_urls
from partnership.policy import views

app_name = "privacy"

urlpatterns = [
    path("", views.policy_current, name="policy"),
    path("versions/", views.policy_versions, name="versions"),
    path("versions/<int:number>/", views.policy_version, name="version"),
    *consent_urls.urlpatterns,
]
