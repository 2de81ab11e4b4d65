"""The sandbox payment provider's hosted page, under ``payments/sandbox/``.

It stands for the provider's own site: only present while ``PAYMENT_PROVIDER`` is
"sandbox" (the view answers 404 otherwise).
"""

from django.urls import path

from partnership.payments import sandbox_views

app_name = "payments-sandbox"

urlpatterns = [
    path("<slug:reference>/", sandbox_views.hosted_page, name="hosted-page"),
]
