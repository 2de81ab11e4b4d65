"""Every cookie the site sets is declared, set as declared, and opaque (P9).

Walks the public pages, the forms, consent changes, sign-in (both steps) and sign-out
with a real test client, collects every Set-Cookie and checks each against the
registry (partnership/consent/cookies.py). The test suite runs with
COOKIE_REGISTRY_STRICT on, so an undeclared cookie already fails the request itself;
this test also checks the attributes and the values.
"""

from __future__ import annotations

import re
from http.cookies import Morsel
from typing import Any

import pytest
from django.test import Client

from partnership.accounts.tests.support import PASSWORD, code_now, customer_make
from partnership.applications.tests.support import STEP_POSTS
from partnership.consent import cookie_check, cookies
from partnership.consent.middleware import UndeclaredCookieError, cookies_enforce
from partnership.consent.models import ConsentRecord

pytestmark = pytest.mark.django_db

PUBLIC_PATHS = [
    "/",
    "/card/",
    "/help/",
    "/legal/",
    "/complaints/",
    "/apply/",
    "/privacy/",
    "/privacy/versions/",
    "/privacy/cookies/",
    "/privacy/cookies.json",
    "/offers/",
    "/account/login/",
    "/account/password-reset/",
    "/no-such-page/",
]
# The offers gate (DESIGN §2 P2): (path, POST data) of each step to walk, added by the
# Special Offers work — a wrong answer, a right one, and the unlocked page.
OFFERS_GATE_STEPS: list[tuple[str, dict[str, str] | None, int]] = [
    ("/offers/", {"first_six": "999999"}, 400),  # not one of our cards
    ("/offers/", {"first_six": "412345"}, 302),  # unlocked for the session
    ("/offers/", None, 200),
]

EMAIL = "cookie.walker@example.com"
FULL_NAME = "Cookie Walker"
POSTCODE = "TE1 1ST"


class CookieWalk:
    def __init__(self) -> None:
        self.client = Client()
        self.seen: list[tuple[str, Morsel[str]]] = []

    def _keep(self, path: str, response: Any) -> Any:
        self.seen.extend((path, morsel) for morsel in response.cookies.values())
        return response

    def get(self, path: str) -> Any:
        return self._keep(path, self.client.get(path))

    def post(self, path: str, data: dict[str, str]) -> Any:
        return self._keep(path, self.client.post(path, data))


def _hidden(body: str, name: str) -> str:
    match = re.search(rf'name="{name}" value="([^"]*)"', body)
    assert match is not None, name
    return match.group(1)


def test_every_cookie_set_anywhere_is_declared_set_as_declared_and_opaque() -> None:
    walk = CookieWalk()
    customer = customer_make(EMAIL, full_name=FULL_NAME)

    for path in PUBLIC_PATHS:
        expected = 404 if path == "/no-such-page/" else 200
        assert walk.get(path).status_code == expected, path
    for path, data, status in OFFERS_GATE_STEPS:
        answer = walk.post(path, data) if data is not None else walk.get(path)
        assert answer.status_code == status, (path, data)

    form = walk.get("/complaints/").content.decode()
    sent = walk.post(
        "/complaints/",
        {
            "name": FULL_NAME,
            "email": EMAIL,
            "phone": "",
            "topic": "website",
            "details": "The page was slow.",
            "reply_preference": "email",
            "form_token": _hidden(form, "form_token"),
        },
    )
    assert sent.status_code == 200

    # The application journey: every step, the decision and a review request.
    assert walk.post("/apply/", {}).status_code == 302
    for step, data in STEP_POSTS.items():
        assert walk.get(f"/apply/{step}/").status_code == 200, step
        assert walk.post(f"/apply/{step}/", data).status_code == 302, step
    decided = walk.get("/apply/decision/").content.decode()
    reviewed = walk.post("/apply/decision/review/", {"decision": _hidden(decided, "decision")})
    assert reviewed.status_code == 200

    page = walk.get("/privacy/cookies/").content.decode()
    saved = walk.post(
        "/privacy/cookies/",
        {
            "source": "settings",
            "statistics": "objected",
            "research": "granted",
            "consent_token": _hidden(page, "consent_token"),
        },
    )
    assert saved.status_code == 200
    walk.get("/")  # the research tag renders

    assert walk.post("/account/login/", {"email": EMAIL, "password": PASSWORD}).status_code == 302
    assert walk.post("/account/login/code/", {"code": code_now()}).status_code == 302
    walk.get("/account/")
    page = walk.get("/privacy/cookies/").content.decode()
    walk.post(
        "/privacy/cookies/",
        {
            "source": "settings",
            "statistics": "allowed",
            "research": "refused",
            "consent_token": _hidden(page, "consent_token"),
        },
    )
    walk.post("/account/logout/", {})

    declared = cookies.first_party_by_name()
    names = {name for _path, name in ((p, m.key) for p, m in walk.seen)}
    assert names >= {cookies.cookie_name("session"), cookies.cookie_name("consent")}
    assert ConsentRecord.objects.filter(user_id=customer.pk).count() == 1
    for path, morsel in walk.seen:
        assert morsel.key in declared, f"{path} set undeclared cookie {morsel.key}"
        assert cookie_check.check_cookies({morsel.key: morsel}) == [], (path, morsel.key)
        if morsel.value:
            assert morsel["httponly"] or not declared[morsel.key].http_only
            assert str(morsel["samesite"]).lower() in ("lax", "strict")
        for personal in (EMAIL, FULL_NAME, POSTCODE, "Cookie", "Walker", "cookie.walker"):
            assert personal.lower() not in morsel.value.lower(), (path, morsel.key)


def test_session_and_csrf_cookies_are_declared_under_the_names_django_uses(
    settings: Any,
) -> None:
    assert cookies.cookie_name("session") == settings.SESSION_COOKIE_NAME
    assert cookies.cookie_name("csrf") == settings.CSRF_COOKIE_NAME


def test_production_names_carry_the_host_prefix(settings: Any) -> None:
    settings.HTTPS = True

    assert cookies.cookie_name("session") == "__Host-session"
    assert cookies.cookie_name("consent") == "__Host-consent"


def test_an_undeclared_cookie_fails_loudly_in_strict_mode() -> None:
    from django.http import HttpResponse

    response = HttpResponse()
    response.set_cookie("tracker", "x", samesite="Lax", httponly=True)

    with pytest.raises(UndeclaredCookieError, match="tracker"):
        cookies_enforce(response, strict=True)


def test_in_production_an_undeclared_cookie_is_dropped_and_logged_by_name(
    caplog: pytest.LogCaptureFixture,
) -> None:
    from django.http import HttpResponse

    response = HttpResponse()
    response.set_cookie("tracker", "secret-value-123", samesite="Lax")
    response.set_cookie(cookies.cookie_name("csrf"), "a" * 32, max_age=60, samesite="Lax")
    response.cookies[cookies.cookie_name("csrf")]["httponly"] = True

    cookies_enforce(response, strict=False)

    assert list(response.cookies) == [cookies.cookie_name("csrf")]
    assert "tracker" in caplog.text
    assert "secret-value-123" not in caplog.text


def test_a_declared_cookie_set_with_wrong_attributes_is_reported() -> None:
    from django.http import HttpResponse

    response = HttpResponse()
    response.set_cookie(cookies.cookie_name("consent"), "x", max_age=10**9, samesite="None")

    problems = {v.problem for v in cookie_check.check_cookies(response.cookies, https=True)}

    assert "not Secure in production mode" in problems
    assert "declared HttpOnly but set without it" in problems
    assert any(problem.startswith("SameSite is None") for problem in problems)
    assert any(problem.startswith("lives 1000000000s") for problem in problems)


def test_a_value_holding_an_email_address_is_refused() -> None:
    from django.http import HttpResponse

    response = HttpResponse()
    response.set_cookie(
        cookies.cookie_name("csrf"), "ada%40example.com", max_age=60, samesite="Lax"
    )
    response.cookies[cookies.cookie_name("csrf")]["httponly"] = True

    assert [v.problem for v in cookie_check.check_cookies(response.cookies)] == [
        "value looks like personal data"
    ]
