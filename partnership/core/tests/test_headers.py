from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.test import Client, RequestFactory

from partnership.core.views import bad_request

pytestmark = pytest.mark.django_db

EXPECTED_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; img-src 'self'; style-src 'self'; font-src 'self'; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
}


@pytest.mark.parametrize("path", ["/", "/card/", "/privacy/", "/no-such-page/", "/healthz"])
def test_every_response_carries_the_security_headers(
    client: Client, path: str, settings: Any
) -> None:
    settings.RESEARCH_PARTNERS = []  # no cookie banner, so no banner script (below)
    response = client.get(path)

    for name, value in EXPECTED_HEADERS.items():
        assert response.headers[name] == value, name


def test_csp_allows_no_script_at_all(client: Client, settings: Any) -> None:
    settings.RESEARCH_PARTNERS = []
    csp = client.get("/").headers["Content-Security-Policy"]

    assert "script-src" not in csp
    assert "unsafe" not in csp
    assert csp.startswith("default-src 'none'")


def test_a_page_showing_the_cookie_banner_allows_only_its_own_script(client: Client) -> None:
    csp = client.get("/").headers["Content-Security-Policy"]

    assert csp == (
        f"{EXPECTED_HEADERS['Content-Security-Policy']}; script-src 'self'; connect-src 'self'"
    )


def test_local_mode_sends_no_hsts(client: Client) -> None:
    # Plain HTTP on loopback: HSTS there would be ignored by browsers and misleading.
    assert "Strict-Transport-Security" not in client.get("/").headers


def test_unknown_host_is_refused_with_400(client: Client) -> None:
    response = client.get("/", HTTP_HOST="attacker.example")

    assert response.status_code == 400
    assert b"attacker.example" not in response.content


def test_declared_body_over_one_megabyte_is_refused_with_413(client: Client) -> None:
    response = client.generic(
        "POST", "/", data=b"x" * (1024 * 1024 + 1), content_type="application/octet-stream"
    )

    assert response.status_code == 413
    assert b"too much" in response.content
    assert response.headers["Connection"] == "close"


def test_body_of_exactly_one_megabyte_is_not_refused_for_size() -> None:
    client = Client(enforce_csrf_checks=True)

    response = client.generic(
        "POST", "/", data=b"x" * (1024 * 1024), content_type="application/octet-stream"
    )

    # Refused, but by CSRF protection (403), not by the size limit.
    assert response.status_code == 403


def test_malformed_content_length_is_a_400(client: Client) -> None:
    response = client.generic("POST", "/", data=b"", CONTENT_LENGTH="lots")

    assert response.status_code == 400


def test_body_found_too_big_while_reading_is_a_413_not_a_400(rf: RequestFactory) -> None:
    # Django's own limit catches a body whose size was not declared in advance.
    response = bad_request(rf.post("/"), RequestDataTooBig("too big"))

    assert response.status_code == 413


def test_other_bad_requests_stay_400(rf: RequestFactory) -> None:
    response = bad_request(rf.get("/"), SuspiciousOperation("forged host detail"))

    assert response.status_code == 400
    assert b"forged host detail" not in response.content
