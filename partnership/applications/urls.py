from django.urls import path

from partnership.applications.views import decision, eligibility, journey, review

app_name = "applications"

urlpatterns = [
    path("", journey.start, name="start"),
    path("check-eligibility/", eligibility.check, name="eligibility-check"),
    path("decision/", decision.decision, name="decision"),
    path("decision/review/", review.review_request, name="review-request"),
    path("<slug:step>/", journey.step_view, name="step"),
]
