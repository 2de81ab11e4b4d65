"""The cookie settings page, the registry as data and the demo research tag. They sit
under /privacy/ in the ``privacy`` namespace, beside the policy (policy/urls.py)."""

from django.urls import path

from partnership.consent import views

urlpatterns = [
    path("cookies/", views.cookie_settings, name="cookies"),
    path("cookies.json", views.cookies_json, name="cookies-json"),
    path("cookies/receipts/<str:receipt_id>.json", views.consent_receipt, name="consent-receipt"),
    path("research-demo/tag.js", views.research_demo_tag, name="research-demo-tag"),
]
