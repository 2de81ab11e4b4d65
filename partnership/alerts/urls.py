from django.urls import path

from partnership.alerts import views

app_name = "alerts"

# Under /account/: customers only, always about request.user.
urlpatterns = [
    path("alerts/", views.alert_choices, name="choices"),
    path("alerts/statements/", views.statement_preference, name="statements"),
]
