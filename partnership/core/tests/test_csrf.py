"""Cookieless forms: Django's token check when the CSRF cookie is there, the browser's
same-origin headers (Go 1.25's CrossOriginProtection rules) when it is not, and only for
views marked ``@cookieless_form``."""

from __future__ import annotations

import datetime as dt
import re
import uuid

import pytest
from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.middleware.csrf import get_token
from django.test import Client
from django.urls import path
from django.views.decorators.http import require_http_methods
from pytest_django import Settings

from partnership.core import clock
from partnership.core.csrf import cookieless_form, is_cookieless_form
from partnership.core.models import RateLimitCounter

pytestmark = [pytest.mark.django_db, pytest.mark.urls("partnership.core.tests.test_csrf")]


def _form(request: HttpRequest) -> HttpResponse:
    """GET: a token for the form. POST: one row written (so a refusal can be seen to write
    nothing), and a token rendered again as a re-shown form would."""
    if request.method == "POST":
        RateLimitCounter.objects.create(
            bucket=uuid.uuid4().hex, count=1, expires_at=clock.now() + dt.timedelta(hours=1)
        )
        return HttpResponse(f"written {get_token(request)}")
    return HttpResponse(get_token(request))


opted_in = cookieless_form(require_http_methods(["GET", "POST"])(_form))
not_opted_in = require_http_methods(["GET", "POST"])(_form)

urlpatterns = [
    path("cookieless/", opted_in),
    path("cookie-only/", not_opted_in),
]

OWN_ORIGIN = "http://testserver"


def browser() -> Client:
    return Client(enforce_csrf_checks=True)


def with_cookie_and_token(client: Client, url: str) -> str:
    """GET the form as a browser that keeps cookies: the cookie is stored, the token returned."""
    token = client.get(url).content.decode()
    assert settings.CSRF_COOKIE_NAME in client.cookies
    return token


def assert_refused_and_nothing_written(
    response: HttpResponseBase, *, had_cookie: bool = False
) -> None:
    assert response.status_code == 403
    assert isinstance(response, HttpResponse)
    # A post that came without any cookie is told why cookies matter here.
    heading = "You cannot do that here" if had_cookie else "This needs a cookie"
    assert f"<h1>{heading}</h1>" in response.content.decode()
    assert RateLimitCounter.objects.count() == 0


def assert_accepted(response: HttpResponseBase) -> None:
    assert isinstance(response, HttpResponse)
    assert response.status_code == 200
    assert response.content.decode().startswith("written")
    assert RateLimitCounter.objects.count() == 1


def test_ours_runs_just_before_djangos_csrf_middleware_which_stays() -> None:
    ours = settings.MIDDLEWARE.index("partnership.core.csrf.CookielessFormMiddleware")

    assert settings.MIDDLEWARE[ours + 1] == "django.middleware.csrf.CsrfViewMiddleware"


@pytest.mark.parametrize("url", ["/cookieless/", "/cookie-only/"])
def test_with_the_cookie_a_valid_token_is_accepted(url: str) -> None:
    client = browser()
    token = with_cookie_and_token(client, url)

    assert_accepted(client.post(url, {"csrfmiddlewaretoken": token}))


@pytest.mark.parametrize("url", ["/cookieless/", "/cookie-only/"])
def test_with_the_cookie_a_bad_token_is_refused_even_when_same_origin(url: str) -> None:
    client = browser()
    with_cookie_and_token(client, url)

    response = client.post(
        url,
        {"csrfmiddlewaretoken": "x" * 64},
        headers={"Sec-Fetch-Site": "same-origin", "Origin": OWN_ORIGIN},
    )

    assert_refused_and_nothing_written(response, had_cookie=True)


def test_with_the_cookie_and_a_valid_token_a_cross_site_origin_is_refused() -> None:
    client = browser()
    token = with_cookie_and_token(client, "/cookieless/")

    response = client.post(
        "/cookieless/",
        {"csrfmiddlewaretoken": token},
        headers={"Origin": "https://evil.example"},
    )

    assert_refused_and_nothing_written(response, had_cookie=True)


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Fetch-Site": "same-origin"},
        {"Sec-Fetch-Site": "same-origin", "Origin": OWN_ORIGIN},
        # Typed in the address bar or a bookmark: the person's own doing.
        {"Sec-Fetch-Site": "none"},
        # A browser without Fetch Metadata: the Origin decides.
        {"Origin": OWN_ORIGIN},
        # Neither header: not a browser (curl, a probe), which could fetch a token anyway.
        {},
    ],
    ids=["sec-fetch-same-origin", "both-headers", "sec-fetch-none", "origin-only", "neither"],
)
def test_without_a_cookie_a_same_origin_post_to_a_marked_view_is_accepted(
    headers: dict[str, str],
) -> None:
    response = browser().post("/cookieless/", {"field": "value"}, headers=headers)

    assert_accepted(response)


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"},
        # Sec-Fetch-Site wins over an Origin that looks right.
        {"Sec-Fetch-Site": "cross-site", "Origin": OWN_ORIGIN},
        {"Sec-Fetch-Site": "same-site", "Origin": "http://other.testserver"},
        {"Sec-Fetch-Site": "something-new"},
        {"Origin": "https://evil.example"},
        {"Origin": "null"},
        {"Origin": "https://testserver"},  # another scheme is another origin
        {"Origin": "http://testserver:8080"},
    ],
    ids=[
        "cross-site",
        "cross-site-with-origin",
        "cross-site-despite-origin",
        "same-site",
        "unknown-value",
        "origin-mismatch",
        "origin-null",
        "origin-other-scheme",
        "origin-other-port",
    ],
)
def test_without_a_cookie_a_cross_origin_post_is_refused_and_writes_nothing(
    headers: dict[str, str],
) -> None:
    response = browser().post("/cookieless/", {"field": "value"}, headers=headers)

    assert_refused_and_nothing_written(response)


@pytest.mark.parametrize(
    "headers",
    [{"Sec-Fetch-Site": "same-origin"}, {"Origin": OWN_ORIGIN}, {}],
    ids=["sec-fetch-same-origin", "origin-only", "neither"],
)
def test_a_view_not_marked_needs_the_cookie_whatever_the_headers(
    headers: dict[str, str],
) -> None:
    response = browser().post("/cookie-only/", {"field": "value"}, headers=headers)

    assert_refused_and_nothing_written(response)


def test_a_trusted_origin_may_post_cross_site(settings: Settings) -> None:
    settings.CSRF_TRUSTED_ORIGINS = ["https://forms.example.co.uk"]

    response = browser().post(
        "/cookieless/",
        headers={"Sec-Fetch-Site": "cross-site", "Origin": "https://forms.example.co.uk"},
    )

    assert_accepted(response)


def test_a_cookieless_answer_sets_no_csrf_cookie() -> None:
    client = browser()

    response = client.post("/cookieless/", headers={"Sec-Fetch-Site": "same-origin"})

    assert_accepted(response)
    assert re.fullmatch(r"written [A-Za-z0-9]{64}", response.content.decode())
    assert response.cookies == {}
    assert "Set-Cookie" not in response.headers


def test_a_browser_that_lost_its_cookie_posts_by_the_headers() -> None:
    client = browser()
    token = with_cookie_and_token(client, "/cookieless/")
    del client.cookies[settings.CSRF_COOKIE_NAME]

    # Without the cookie now, the POST goes by the headers; its answer sets no cookie.
    response = client.post(
        "/cookieless/", {"csrfmiddlewaretoken": token}, headers={"Sec-Fetch-Site": "same-origin"}
    )

    assert_accepted(response)
    assert settings.CSRF_COOKIE_NAME not in response.cookies


def test_safe_methods_are_never_checked() -> None:
    response = browser().get("/cookie-only/", headers={"Sec-Fetch-Site": "cross-site"})

    assert response.status_code == 200


def test_the_mark_survives_decorators_that_wrap() -> None:
    assert is_cookieless_form(opted_in)
    assert is_cookieless_form(require_http_methods(["POST"])(cookieless_form(_form)))
    assert not is_cookieless_form(not_opted_in)
