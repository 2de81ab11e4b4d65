"""The customer's card pages, included under ``account/`` (the customer area)."""

from django.urls import path

from partnership.cards import views
from partnership.cards.views import controls

app_name = "cards"

urlpatterns = [
    path("card/", views.card_summary, name="summary"),
    path("card/transactions/", views.transaction_list, name="transactions"),
    path(
        "card/transactions/<uuid:transaction_id>/",
        views.transaction_detail,
        name="transaction",
    ),
    path("card/statements/", views.statement_list, name="statements"),
    path("card/statements/<uuid:statement_id>/", views.statement_detail, name="statement"),
    path("card/statements/<uuid:statement_id>/pdf/", views.statement_pdf, name="statement-pdf"),
    path("card/statements/<uuid:statement_id>/csv/", views.statement_csv, name="statement-csv"),
    path("card/points/", views.points_history, name="points"),
    path("card/activate/", controls.card_activate_page, name="activate"),
    path("card/freeze/", controls.card_freeze, name="freeze"),
    path("card/unfreeze/", controls.card_unfreeze, name="unfreeze"),
    path("card/lost/", controls.card_lost_page, name="lost"),
    path("card/replacement/", controls.card_replacement, name="replacement"),
]
