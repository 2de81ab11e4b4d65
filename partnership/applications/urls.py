from django.urls import path

from partnership.applications.views import decision, journey, review

app_name = "applications"

urlpatterns = [
    path("", journey.start, name="start"),
    path("decision/", decision.decision, name="decision"),
    path("decision/review/", review.review_request, name="review-request"),
    path("<slug:step>/", journey.step_view, name="step"),
]
