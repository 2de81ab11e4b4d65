"""P10 across apps: the cookieless forms work without any cookie when same-origin, refuse
cross-site posts with and without cookies, and every other form keeps Django's check.
docs/forms-without-cookies.md lists the views."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from partnership.audit.models import AuditEvent
from partnership.compliance.complaints.models import Complaint
from partnership.compliance.tests.conftest import complaint_post
from partnership.core.csrf import is_cookieless_form

pytestmark = pytest.mark.django_db

SAME_ORIGIN = {"Sec-Fetch-Site": "same-origin", "Origin": "http://testserver"}
CROSS_SITE = {"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"}
# The views that may be posted without a cookie, by URL name. Adding one is a decision:
# add it here and to docs/forms-without-cookies.md.
COOKIELESS_VIEWS = {
    "offers:list",
    "complaints:form",
    "privacy:cookies",
    "applications:start",
    "applications:step",
    "applications:review-request",
    "applications:eligibility-check",
}


def cookieless() -> Client:
    return Client(enforce_csrf_checks=True)


def marked_url_names() -> set[str]:
    names: set[str] = set()

    def walk(patterns: Sequence[URLPattern | URLResolver], prefix: str) -> None:
        for entry in patterns:
            if isinstance(entry, URLResolver):
                namespace = entry.namespace
                walk(entry.url_patterns, f"{prefix}{namespace}:" if namespace else prefix)
            elif is_cookieless_form(entry.callback):
                names.add(f"{prefix}{entry.name}")

    walk(get_resolver().url_patterns, "")
    return names


def test_only_the_listed_views_accept_posts_without_a_cookie() -> None:
    assert marked_url_names() <= COOKIELESS_VIEWS
    assert {"offers:list", "complaints:form"} <= marked_url_names()


def test_a_complaint_is_sent_without_cookies_and_its_answer_sets_none() -> None:
    response = cookieless().post("/complaints/", complaint_post(), headers=SAME_ORIGIN)

    complaint = Complaint.objects.get()
    assert response.status_code == 200
    assert complaint.reference in response.content.decode()
    assert response.cookies == {}
    assert Session.objects.count() == 0


def test_a_cookieless_complaint_sent_twice_is_recorded_once() -> None:
    data = complaint_post()

    first = cookieless().post("/complaints/", data, headers=SAME_ORIGIN)
    again = cookieless().post("/complaints/", data, headers=SAME_ORIGIN)

    assert first.status_code == again.status_code == 200
    assert Complaint.objects.count() == 1


@pytest.mark.parametrize("with_cookie", [False, True], ids=["no-cookie", "with-cookie"])
def test_a_cross_site_complaint_is_refused_and_nothing_written(with_cookie: bool) -> None:
    client = cookieless()
    data = complaint_post()
    if with_cookie:
        page = client.get("/complaints/")
        assert settings.CSRF_COOKIE_NAME in client.cookies
        data["csrfmiddlewaretoken"] = page.context["csrf_token"]

    response = client.post("/complaints/", data, headers=CROSS_SITE)

    assert response.status_code == 403
    assert Complaint.objects.count() == 0
    assert not AuditEvent.objects.filter(event="privacy:complaint:submit").exists()


def test_a_complaint_in_bytes_that_are_not_utf8_gets_the_form_back() -> None:
    body = b"form_token=x&name=%FF%FEAda&email=a%40example.org&details=%C3%28"

    response = cookieless().post(
        "/complaints/",
        body,
        content_type="application/x-www-form-urlencoded",
        headers=SAME_ORIGIN,
    )

    assert response.status_code == 400
    assert Complaint.objects.count() == 0


@pytest.mark.parametrize("headers", [SAME_ORIGIN, {}], ids=["same-origin", "no-headers"])
def test_sign_in_still_needs_the_cookie(headers: dict[str, str]) -> None:
    response = cookieless().post(
        "/account/login/", {"email": "a@example.org", "password": "x" * 12}, headers=headers
    )

    assert response.status_code == 403
    assert Session.objects.count() == 0
