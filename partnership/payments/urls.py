"""The customer's payment pages, included under ``account/``."""

from django.urls import path

from partnership.payments import views

app_name = "payments"

urlpatterns = [
    path("card/payments/", views.payments, name="payments"),
    path("card/payments/<uuid:payment_id>/", views.payment_result, name="payment"),
    path("card/direct-debit/", views.direct_debit, name="direct-debit"),
    path("card/direct-debit/cancel/", views.direct_debit_cancel, name="direct-debit-cancel"),
]
