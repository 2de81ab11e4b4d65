from django.urls import path

from partnership.applications import views

app_name = "applications"

urlpatterns = [
    path("", views.start, name="start"),
    path("decision/", views.decision, name="decision"),
    path("decision/review/", views.review_request, name="review-request"),
    path("<slug:step>/", views.step_view, name="step"),
]
