"""The pages people look for: robots.txt, sitemap.xml, a description on every public
page, the accessibility statement, the style guide (local mode only) and error pages."""

from __future__ import annotations

import re
from xml.etree import ElementTree

import pytest
from django.test import Client, RequestFactory
from pytest_django import Settings

from partnership.core.errors import render_error
from partnership.public.views import SITEMAP_PATHS

pytestmark = pytest.mark.django_db

DESCRIPTION = re.compile(r'<meta name="description" content="([^"]*)">')
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def test_robots_txt_keeps_crawlers_out_of_private_areas_and_names_the_sitemap(
    client: Client,
) -> None:
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode() == (
        "User-agent: *\n"
        "Allow: /apply/$\n"
        "Allow: /apply/check-eligibility/$\n"
        "Disallow: /apply/\n"
        "Disallow: /account/\n"
        "Disallow: /staff/\n"
        "\n"
        "Sitemap: http://testserver/sitemap.xml\n"
    )
    assert response.cookies == {}


def test_sitemap_lists_exactly_the_public_pages(client: Client) -> None:
    response = client.get("/sitemap.xml")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    root = ElementTree.fromstring(response.content)  # noqa: S314 (our own response)
    locs = [loc.text for loc in root.iter(f"{SITEMAP_NS}loc")]
    assert locs == [f"http://testserver{path}" for path in SITEMAP_PATHS]
    assert len(locs) == 20
    paths = [loc.removeprefix("http://testserver") for loc in locs if loc]
    assert not [p for p in paths if p.startswith(("/account/", "/staff/"))]
    assert [p for p in paths if p.startswith("/apply/")] == ["/apply/", "/apply/check-eligibility/"]
    assert "/styleguide/" not in paths


@pytest.mark.parametrize("path", SITEMAP_PATHS)
def test_every_page_in_the_sitemap_answers_anonymous_visitors(client: Client, path: str) -> None:
    assert client.get(path).status_code == 200


def test_every_public_page_has_its_own_description(client: Client) -> None:
    descriptions = {}
    for path in SITEMAP_PATHS:
        found = DESCRIPTION.findall(client.get(path).content.decode())
        assert len(found) == 1, path
        assert 50 <= len(found[0]) <= 200, (path, found[0])
        descriptions[path] = found[0]

    assert len(set(descriptions.values())) == len(SITEMAP_PATHS)


def test_accessibility_statement_says_what_is_tested_the_gaps_and_other_formats(
    client: Client,
) -> None:
    body = client.get("/accessibility/").content.decode()

    assert '<h2 id="how-we-test">How we test</h2>' in body
    assert '<h2 id="known-gaps">What does not yet work well</h2>' in body
    assert '<h2 id="other-formats">Asking for another format</h2>' in body
    assert "axe-core" in body
    assert "large print, braille, audio" in body
    assert "0808 157 0123" in body
    assert '<a href="/accessibility/">Accessibility</a>' in body  # the footer link


def test_styleguide_shows_every_component_in_local_mode(client: Client) -> None:
    response = client.get("/styleguide/")

    assert response.status_code == 200
    body = response.content.decode()
    for marker in (
        'class="brand-mark"',
        "img/card",
        'class="swatches"',
        'class="button"',
        'class="button secondary"',
        'class="notice notice-success"',
        'class="rep-example"',
        'class="summary-list"',
        "<table>",
        'class="error-summary"',
        'href="#id_email"',
        'class="steps"',
        'aria-current="step"',
        'class="dashboard"',
        'class="search-form"',
    ):
        assert marker in body, marker
    assert body.count('class="button"') == 1  # one primary


def test_styleguide_is_not_found_in_production_mode(client: Client, settings: Settings) -> None:
    settings.LOCAL_MODE = False

    response = client.get("/styleguide/")

    assert response.status_code == 404
    assert "Style guide" not in response.content.decode()


@pytest.mark.parametrize("status", [404, 429, 500])
def test_error_pages_use_the_design_and_offer_a_way_forward(status: int) -> None:
    request = RequestFactory().get("/somewhere/")

    body = render_error(request, status=status).content.decode()

    assert '<link rel="stylesheet" href="/static/css/site.' in body
    assert 'class="brand-mark"' in body
    assert "<h2>Where you can go from here</h2>" in body
    assert '<li><a href="/">The home page</a></li>' in body
    assert '<a href="/help/">The help centre</a>' in body
    assert "0808 157 0123" in body
    assert body.count("<h1>") == 1
