from django.urls import include, path

from partnership.core import views as core_views

urlpatterns = [
    path("", include("partnership.public.urls")),
    path("privacy/", include("partnership.policy.urls")),
    path("complaints/", include("partnership.compliance.complaints.urls")),
    path("offers/", include("partnership.offers.urls")),
    path("account/", include("partnership.accounts.urls")),
    path("account/", include("partnership.privacy_centre.urls")),
    path("account/", include("partnership.alerts.urls")),
    path("account/", include("partnership.cards.urls")),
    path("account/", include("partnership.applications.account_urls")),
    path("account/", include("partnership.inbox.urls")),
    path("account/", include("partnership.payments.urls")),
    path("payments/sandbox/", include("partnership.payments.sandbox_urls")),
    path("apply/", include("partnership.applications.urls")),
    path("staff/", include("partnership.backoffice.urls")),
    path("healthz", core_views.healthz, name="healthz"),
    path("readyz", core_views.readyz, name="readyz"),
    path("too-large", core_views.too_large, name="too_large"),
]

handler400 = "partnership.core.views.bad_request"
handler403 = "partnership.core.views.permission_denied"
handler404 = "partnership.core.views.page_not_found"
handler500 = "partnership.core.views.server_error"
