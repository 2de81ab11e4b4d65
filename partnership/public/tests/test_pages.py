from __future__ import annotations

import pytest
from django.test import Client
from pytest_django import Settings

pytestmark = pytest.mark.django_db

PAGES = {
    "/": "Harbourline Partnership Card",
    "/card/": "24.9% APR representative (variable)",
    "/help/": "Calls may be recorded",
    "/legal/": "Legal information",
}


@pytest.mark.parametrize(("path", "text"), PAGES.items())
def test_public_page_is_served_without_sign_in(client: Client, path: str, text: str) -> None:
    response = client.get(path)

    assert response.status_code == 200
    assert text in response.content.decode()


@pytest.mark.parametrize("path", PAGES)
def test_public_pages_set_no_cookie_and_start_no_session(client: Client, path: str) -> None:
    response = client.get(path)

    assert response.cookies == {}
    assert "Set-Cookie" not in response.headers


@pytest.mark.parametrize("path", PAGES)
def test_public_pages_refuse_to_be_posted_to(client: Client, path: str) -> None:
    assert client.post(path, {"name": "x"}).status_code == 405


def test_help_page_gives_the_helpline_and_why_calls_are_recorded(client: Client) -> None:
    body = client.get("/help/").content.decode()

    assert "Telephone <strong>0808 157 0123</strong>" in body
    assert "24 hours a day, 7 days a week" in body
    assert "accurate record" in body
    assert "security code" in body


def test_brand_comes_from_configuration(client: Client, settings: Settings) -> None:
    settings.BRAND = {
        "card_name": "Example Card",
        "issuer_name": "Example Issuer Ltd",
        "partnership_name": "the Example Group",
        "helpline": "0808 157 0999",
        "helpline_hours": "9am to 5pm",
    }

    body = client.get("/help/").content.decode()

    assert "<title>Help and contact – Example Card</title>" in body
    assert "0808 157 0999" in body
    assert "Harbourline" not in body


@pytest.mark.parametrize("path", PAGES)
def test_every_page_has_a_skip_link_and_one_main_heading(client: Client, path: str) -> None:
    body = client.get(path).content.decode()

    assert '<a class="skip-link" href="#main">Skip to main content</a>' in body
    assert '<main id="main"' in body
    assert body.count("<h1>") == 1
