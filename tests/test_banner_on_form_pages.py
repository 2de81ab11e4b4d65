"""The cookie banner works on every page that shows it, whatever else is on the page.

Each page is opened as a new visitor — one that keeps cookies and one that keeps none —
and a banner button is pressed exactly as the rendered HTML would have the browser send
it (tests/banner_forms.py). The choice is recorded, the visitor is sent back to the page
they were on, and the same press from another site is refused and records nothing.
(Issue 13: the banner answered 403 on every page with a form of its own.)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from partnership.accounts.tests.support import PASSWORD, customer_make, sign_in
from partnership.applications.tests.support import STEP_ORDER, STEP_POSTS, hidden
from partnership.consent import cookies
from partnership.consent.models import ConsentRecord
from tests.banner_forms import banner_buttons, pressed

pytestmark = pytest.mark.django_db

SAME_ORIGIN = {"Origin": "http://testserver", "Sec-Fetch-Site": "same-origin"}
FOREIGN = {"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"}
ACCEPT, REJECT = "Accept research cookies", "Reject research cookies"
CHOICES = {ACCEPT: "granted", REJECT: "refused"}


class Visitor:
    """A browser with Django's CSRF check enforced; ``keeps_cookies`` False refuses all."""

    def __init__(self, *, keeps_cookies: bool) -> None:
        self.client = Client(enforce_csrf_checks=True)
        self.keeps_cookies = keeps_cookies

    def _kept(self, response: Any) -> Any:
        if not self.keeps_cookies:
            self.client.cookies.clear()
        return response

    def get(self, path: str) -> Any:
        return self._kept(self.client.get(path, headers={"Sec-Fetch-Site": "none"}))

    def post(self, path: str, data: dict[str, Any], headers: dict[str, str]) -> Any:
        return self._kept(self.client.post(path, data, headers=headers))

    def post_form(self, path: str, page: str, data: dict[str, str]) -> Any:
        """Post a page's own form (its CSRF token when the page carried one)."""
        if 'name="csrfmiddlewaretoken"' in page:
            data = {**data, "csrfmiddlewaretoken": hidden(page, "csrfmiddlewaretoken")}
        return self.post(path, data, SAME_ORIGIN)


def application_step(step: str) -> Callable[[Visitor], tuple[str, str]]:
    """Open the application at ``step``, every step before it answered."""

    def open_step(visitor: Visitor) -> tuple[str, str]:
        start = visitor.get("/apply/").content.decode()
        response = visitor.post_form("/apply/", start, {})
        for before in STEP_ORDER[: STEP_ORDER.index(step)]:
            page = _followed(visitor, response)
            data = {**STEP_POSTS[before], "go": "next", "draft": hidden(page, "draft")}
            response = visitor.post_form(f"/apply/{before}/", page, data)
        return f"/apply/{step}/", _followed(visitor, response)

    return open_step


def _followed(visitor: Visitor, response: Any) -> str:
    """The page an answer shows: itself, or (with cookies) where it redirects."""
    if response.status_code == 302:
        response = visitor.get(response["Location"])
    assert response.status_code == 200, response.content[:300]
    return str(response.content.decode())


def plain(path: str) -> Callable[[Visitor], tuple[str, str]]:
    return lambda visitor: (path, visitor.get(path).content.decode())


def login_code(visitor: Visitor) -> tuple[str, str]:
    customer_make()
    page = visitor.get("/account/login/").content.decode()
    data = {"email": "ada.test@example.com", "password": PASSWORD}
    assert visitor.post_form("/account/login/", page, data).status_code == 302
    return plain("/account/login/code/")(visitor)


def signed_in(path: str) -> Callable[[Visitor], tuple[str, str]]:
    def open_page(visitor: Visitor) -> tuple[str, str]:
        sign_in(visitor.client, customer_make())
        return plain(path)(visitor)

    return open_page


PUBLIC = ["/", "/card/", "/help/", "/privacy/", "/legal/", "/offers/", "/complaints/"]
PAGES: dict[str, Callable[[Visitor], tuple[str, str]]] = {
    **{path: plain(path) for path in PUBLIC},
    "/apply/": plain("/apply/"),
    "/account/login/": plain("/account/login/"),
    "/account/password-reset/": plain("/account/password-reset/"),
}
# A signed-in session (or the half of one the code step needs) is a cookie.
COOKIE_PAGES: dict[str, Callable[[Visitor], tuple[str, str]]] = {
    "/account/login/code/": login_code,
    "/account/": signed_in("/account/"),
    "/account/privacy/": signed_in("/account/privacy/"),
    "/account/privacy/details/": signed_in("/account/privacy/details/"),
}
CASES = [
    *[pytest.param(name, True, id=f"{name}-cookies") for name in [*PAGES, *COOKIE_PAGES]],
    *[pytest.param(name, False, id=f"{name}-no-cookies") for name in PAGES],
]
# The application's steps keep what was typed: tests/test_banner_on_application_steps.py.


def opened(name: str, keeps_cookies: bool) -> tuple[Visitor, str, str]:
    visitor = Visitor(keeps_cookies=keeps_cookies)
    path, html = {**PAGES, **COOKIE_PAGES}[name](visitor)
    return visitor, path, html


def consent_cookie_set(response: Any) -> bool:
    return cookies.cookie_name("consent") in response.cookies


@pytest.mark.parametrize("label", [ACCEPT, REJECT])
@pytest.mark.parametrize(("name", "keeps_cookies"), CASES)
def test_a_banner_button_records_the_choice_and_goes_back(
    name: str, keeps_cookies: bool, label: str
) -> None:
    visitor, path, html = opened(name, keeps_cookies)
    user_id = visitor.client.session.get("_auth_user_id")

    action, data = pressed(banner_buttons(html)[label])
    response = visitor.post(action, data, SAME_ORIGIN)

    assert (response.status_code, response["Location"]) == (303, path)
    record = ConsentRecord.objects.get()
    assert (record.method, record.research, record.statistics, record.preferences) == (
        "banner",
        CHOICES[label],
        "allowed",
        "allowed",
    )
    assert (str(record.user_id) if record.user_id else None) == user_id
    assert consent_cookie_set(response)


@pytest.mark.parametrize(("name", "keeps_cookies"), CASES)
def test_a_banner_button_pressed_from_another_site_is_refused(
    name: str, keeps_cookies: bool
) -> None:
    visitor, _, html = opened(name, keeps_cookies)
    action, data = pressed(banner_buttons(html)[ACCEPT])

    response = visitor.post(action, data, FOREIGN)

    assert response.status_code == 403
    assert ConsentRecord.objects.count() == 0
    assert not consent_cookie_set(response)


def test_a_cross_site_press_without_sec_fetch_site_is_refused_too() -> None:
    visitor, _, html = opened("/offers/", keeps_cookies=True)
    action, data = pressed(banner_buttons(html)[REJECT])

    response = visitor.post(action, data, {"Origin": "https://evil.example"})

    assert response.status_code == 403
    assert ConsentRecord.objects.count() == 0


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "offers/"])
def test_the_banner_sends_back_only_to_a_page_of_this_site(target: str) -> None:
    visitor, _, html = opened("/complaints/", keeps_cookies=True)
    action, data = pressed(banner_buttons(html)[ACCEPT])

    response = visitor.post(action, {**data, "return_to": [target]}, SAME_ORIGIN)

    assert (response.status_code, response["Location"]) == (303, "/privacy/cookies/")
    assert ConsentRecord.objects.get().research == "granted"


def test_the_cookie_the_page_gave_is_the_one_the_banner_token_matches() -> None:
    """Keeping cookies, a first visit gets a CSRF cookie from the page's own form; the
    banner rendered on the same page carries the token for that very cookie."""
    visitor, _, html = opened("/apply/", keeps_cookies=True)

    assert settings.CSRF_COOKIE_NAME in visitor.client.cookies
    _, data = pressed(banner_buttons(html)[ACCEPT])
    assert data["csrfmiddlewaretoken"] == [hidden(html, "csrfmiddlewaretoken")]


@pytest.mark.parametrize("path", ["/", "/card/", "/help/"])
def test_a_page_without_a_form_of_its_own_sets_no_cookie_and_its_banner_no_token(
    path: str,
) -> None:
    response = Client(enforce_csrf_checks=True).get(path)

    assert response.cookies == {}
    html = response.content.decode()
    assert ACCEPT in html
    assert "csrfmiddlewaretoken" not in html
