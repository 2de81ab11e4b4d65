from django.urls import path

from partnership.privacy import views
from partnership.privacy.consent import views as consent_views

app_name = "privacy"

urlpatterns = [
    path("", views.policy_current, name="policy"),
    path("versions/", views.policy_versions, name="versions"),
    path("versions/<int:number>/", views.policy_version, name="version"),
    path("cookies/", consent_views.cookie_settings, name="cookies"),
    path("cookies.json", consent_views.cookies_json, name="cookies-json"),
    path("research-demo/tag.js", consent_views.research_demo_tag, name="research-demo-tag"),
]
