from __future__ import annotations

import pytest
from django.db import OperationalError, connection
from django.http import HttpRequest, HttpResponse
from django.test import Client, RequestFactory, override_settings
from django.urls import path

from partnership.core import errors, views

pytestmark = pytest.mark.django_db


def _explode(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("secret detail jane.doe@example.com")


urlpatterns = [path("boom/", _explode)]
handler500 = "partnership.core.views.server_error"


@pytest.mark.parametrize("status", sorted(errors.ERROR_TEMPLATES))
def test_each_error_page_is_friendly_and_names_the_help_page(
    rf: RequestFactory, status: int
) -> None:
    response = errors.render_error(rf.get("/"), status=status)

    assert response.status_code == status
    body = response.content.decode()
    assert "<h1>" in body
    assert 'href="/help/"' in body
    assert "Traceback" not in body


def test_unhandled_exception_gives_the_500_page_without_the_detail() -> None:
    client = Client(raise_request_exception=False)
    with override_settings(ROOT_URLCONF=__name__):
        response = client.get("/boom/")

    assert response.status_code == 500
    body = response.content.decode()
    assert "Something went wrong on our side" in body
    assert "secret detail" not in body
    assert "jane.doe" not in body
    assert "RuntimeError" not in body


def test_404_page_does_not_echo_the_path(client: Client) -> None:
    response = client.get("/<script>alert(1)</script>/")

    assert response.status_code == 404
    assert b"<script>" not in response.content
    assert b"alert(1)" not in response.content


def test_non_utf8_path_and_query_are_answered_without_a_500(client: Client) -> None:
    assert client.get("/%ff%fe/").status_code == 404
    assert client.get("/card/?q=%ff%fe").status_code == 200


def test_csrf_failure_is_the_friendly_403(client: Client) -> None:
    strict = Client(enforce_csrf_checks=True)
    strict.cookies["csrf"] = "not-a-valid-token"

    response = strict.post("/", {"anything": "1"})

    assert response.status_code == 403
    assert "You cannot do that here" in response.content.decode()


def test_healthz_says_ok(client: Client) -> None:
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.content == b"ok"


def test_readyz_is_ready_when_the_database_answers(client: Client) -> None:
    response = client.get("/readyz")

    assert response.status_code == 200


@pytest.fixture
def unreachable_database(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", refuse)


def test_readyz_is_503_when_the_database_does_not_answer(
    rf: RequestFactory, unreachable_database: None
) -> None:
    response = views.readyz(rf.get("/readyz"))

    assert response.status_code == 503
    assert response.content == b"database unreachable"


def test_a_refused_form_without_any_cookie_explains_why_cookies_are_needed() -> None:
    strict = Client(enforce_csrf_checks=True)

    response = strict.post("/account/login/", {"email": "a@example.com", "password": "x"})

    assert response.status_code == 403
    body = response.content.decode()
    assert "<h1>This needs a cookie</h1>" in body
    assert "Please allow cookies for this site" in body


def test_a_refused_form_with_cookies_gets_the_general_403() -> None:
    strict = Client(enforce_csrf_checks=True)
    strict.cookies["other"] = "1"

    response = strict.post("/account/login/", {"email": "a@example.com", "password": "x"})

    assert response.status_code == 403
    assert "You cannot do that here" in response.content.decode()
