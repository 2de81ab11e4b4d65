from django.urls import path

from partnership.compliance.complaints import views

app_name = "complaints"

urlpatterns = [
    path("", views.complaint_form, name="form"),
]
