"""Given: answers for every step, and a walk through the journey with a test client."""

from __future__ import annotations

import re
from typing import Any

from django.test import Client

STEP_POSTS: dict[str, dict[str, str]] = {
    "eligibility": {"age_18_or_over": "yes", "uk_resident": "yes", "bankrupt": "no"},
    "personal": {"first_name": "Ada", "last_name": "Lovelace", "date_of_birth": "10/12/1985"},
    "addresses": {
        "address_1": "12 Analytical Row\nLondon",
        "postcode_1": "sw1a1aa",
        "since_1": "04/2015",
    },
    "employment": {"employment_status": "employed", "annual_income": "£42,000"},
    "outgoings": {
        "housing_status": "renting",
        "monthly_housing_cost": "900",
        "monthly_credit_repayments": "50",
        "existing_debt": "1200",
    },
    "contact": {
        "email": "ada.applicant@example.org",
        "phone": "07700 900123",
        "marketing_email": "on",
        "statements": "paperless",
    },
    "review": {},
    "declarations": {"credit_search_consent": "on", "notice_read": "on", "precontract_read": "on"},
}
STEP_ORDER = list(STEP_POSTS)


def hidden(body: str, name: str) -> str:
    match = re.search(rf'name="{name}" value="([^"]*)"', body)
    assert match is not None, name
    return match.group(1)


def answers(**overrides: dict[str, str]) -> dict[str, dict[str, str]]:
    return {step: {**data, **overrides.get(step, {})} for step, data in STEP_POSTS.items()}


def walk_cookieless(client: Client, steps: dict[str, dict[str, str]], *, until: str = "") -> Any:
    """POST every step carrying the draft reference, as a browser without cookies.
    Returns the last response (the decision page, or the ``until`` step's answer)."""
    response = client.post("/apply/", {}, headers=SAME_ORIGIN)
    assert response.status_code == 200, response.content[:400]
    for step, data in steps.items():
        body = response.content.decode()
        post = {**data, "draft": hidden(body, "draft"), "go": "next"}
        if step == "declarations":
            post["submission"] = hidden(body, "submission")
        response = client.post(f"/apply/{step}/", post, headers=SAME_ORIGIN)
        if step == until:
            return response
        assert response.status_code == 200, (step, response.content.decode()[:3000])
    return response


SAME_ORIGIN = {"Sec-Fetch-Site": "same-origin", "Origin": "http://testserver"}


def rate_limits_forgotten() -> None:
    """Forget every rate-limit count, in either store: for tests that start many
    journeys from the test client's one address, each as a new visitor."""
    from django.conf import settings
    from django.core.cache import cache

    from partnership.core.models import RateLimitCounter

    RateLimitCounter.objects.all().delete()
    if settings.REDIS_URL:
        cache.clear()


def approved_application_for(user: Any) -> Any:
    """An approved application (the demo's) whose customer is ``user``."""
    from partnership.applications.demo import DEMO_APPLICATIONS
    from partnership.applications.models import Application
    from partnership.applications.services.applicant import application_input_from_answers
    from partnership.applications.services.submit import application_submit

    application = application_submit(
        data=application_input_from_answers(DEMO_APPLICATIONS[0].answers()),
        idempotency_key=f"approved-for-{user.pk}",
        site_url="http://testserver",
        draft_id=None,
    )
    assert application.outcome == "approved"
    Application.objects.filter(pk=application.pk).update(customer=user)
    application.refresh_from_db()
    return application
