"""Consent records for each path, the browser signal, research tags and bad input."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from partnership.accounts.tests.support import customer_make, sign_in
from partnership.consent import cookies
from partnership.consent.models import ConsentRecord
from partnership.consent.state import (
    Research,
    Statistics,
    consent_state_from,
    stored_consent_read,
)

pytestmark = pytest.mark.django_db

URL = "/privacy/cookies/"
DEMO_ORIGIN = "http://localhost:8000"


def token(client: Client, path: str = URL) -> str:
    body = client.get(path).content.decode()
    match = re.search(r'name="consent_token" value="([^"]*)"', body)
    assert match is not None
    return match.group(1)


def choose(client: Client, **data: str) -> Any:
    data.setdefault("source", "settings")
    data.setdefault("consent_token", token(client))
    return client.post(URL, data)


def stored(client: Client) -> Any:
    return stored_consent_read(client.cookies[cookies.cookie_name("consent")].value)


def test_the_settings_page_records_a_choice_and_sets_the_signed_cookie(client: Client) -> None:
    response = choose(client, statistics="objected", research="granted")

    assert response.status_code == 200
    record = ConsentRecord.objects.get()
    assert (record.method, record.statistics, record.research) == (
        "settings_page",
        "objected",
        "granted",
    )
    assert record.registry_revision == cookies.registry_revision()
    assert record.user_id is None
    cookie = stored(client)
    assert cookie.consent_id == record.consent_id
    assert cookie.choices.statistics is Statistics.OBJECTED


def test_the_banner_records_with_its_method_and_returns_to_the_page(client: Client) -> None:
    response = choose(
        client,
        source="banner",
        research="refused",
        consent_token=token(client, "/card/"),
        return_to="/card/",
    )

    assert (response.status_code, response["Location"]) == (303, "/card/")
    record = ConsentRecord.objects.get()
    assert (record.method, record.research, record.statistics) == ("banner", "refused", "allowed")


def test_the_banner_never_redirects_off_site(client: Client) -> None:
    response = choose(client, source="banner", research="refused", return_to="//evil.example/")

    assert response["Location"] == "/privacy/cookies/"


def test_a_signed_in_customers_choice_is_linked_to_them_and_keeps_the_consent_id(
    client: Client,
) -> None:
    customer = customer_make()
    choose(client, statistics="allowed", research="refused")
    sign_in(client, customer)
    choose(client, statistics="objected", research="refused")

    first, second = ConsentRecord.objects.order_by("id")
    assert first.consent_id == second.consent_id
    assert (first.user_id, second.user_id) == (None, customer.pk)


def test_research_tag_and_its_csp_source_appear_only_after_opt_in(client: Client) -> None:
    before = client.get("/")
    assert "research-demo/tag.js" not in before.content.decode()
    # Before opt-in only the banner's own script (this site's, no partner's) may run.
    assert before["Content-Security-Policy"].endswith("; script-src 'self'; connect-src 'self'")

    choose(client, statistics="allowed", research="granted")
    after = client.get("/")
    body = after.content.decode()
    nonce = re.search(r'<script src="[^"]+/tag.js" nonce="([^"]+)"', body)
    assert nonce is not None
    assert f"script-src {DEMO_ORIGIN} 'nonce-{nonce.group(1)}'" in after["Content-Security-Policy"]

    choose(client, statistics="allowed", research="refused")
    withdrawn = client.get("/")
    assert "tag.js" not in withdrawn.content.decode()
    assert "script-src" not in withdrawn["Content-Security-Policy"]


def test_the_banner_shows_until_research_is_answered_and_again_for_a_new_partner(
    client: Client, settings: Any
) -> None:
    assert "Accept research cookies" in client.get("/").content.decode()
    choose(client, statistics="objected", research="refused")
    assert "Accept research cookies" not in client.get("/").content.decode()

    settings.RESEARCH_PARTNERS = [
        *settings.RESEARCH_PARTNERS,
        {
            "key": "second",
            "name": "Second Panel",
            "origin": "https://panel.example",
            "script_path": "/t.js",
            "does": "Counts pages.",
            "cookies": [{"name": "pid", "purpose": "p", "lifetime": 60, "holds": "h"}],
        },
    ]
    page = client.get("/").content.decode()
    assert "Accept research cookies" in page
    state = consent_for_client(client)
    assert state.choices.statistics is Statistics.OBJECTED  # an objection stands
    assert state.choices.research is Research.NOT_ASKED


def consent_for_client(client: Client, **headers: str) -> Any:
    value = client.cookies[cookies.cookie_name("consent")].value
    return consent_state_from(cookie_value=value, headers=headers)


def test_no_banner_and_no_research_choice_without_a_partner(client: Client, settings: Any) -> None:
    settings.RESEARCH_PARTNERS = []

    assert "Accept research cookies" not in client.get("/").content.decode()
    assert 'name="research"' not in client.get(URL).content.decode()


@pytest.mark.parametrize("header", ["Sec-GPC", "DNT"])
def test_a_browser_signal_is_honoured_without_writing_for_a_cookieless_visitor(
    client: Client, header: str
) -> None:
    response = client.get("/", headers={header: "1"})

    assert cookies.cookie_name("consent") not in response.cookies
    assert ConsentRecord.objects.count() == 0
    state = consent_state_from(cookie_value=None, headers={header: "1"})
    assert not state.may_count_statistics
    assert not state.may_load_research


def test_a_browser_signal_is_recorded_once_for_a_visitor_with_a_consent_cookie(
    client: Client,
) -> None:
    choose(client, statistics="allowed", research="granted")

    client.get("/", HTTP_SEC_GPC="1")
    client.get("/card/", HTTP_SEC_GPC="1")

    records = list(ConsentRecord.objects.order_by("id").values_list("method", "research"))
    assert records == [("settings_page", "granted"), ("browser_signal", "refused")]
    assert "tag.js" not in client.get("/", HTTP_SEC_GPC="1").content.decode()


def test_an_explicit_choice_after_the_signal_wins(client: Client) -> None:
    choose(client, statistics="allowed", research="refused")
    client.get("/", HTTP_SEC_GPC="1")

    data = {"statistics": "allowed", "research": "granted"}
    body = client.get(URL, HTTP_SEC_GPC="1").content.decode()
    match = re.search(r'name="consent_token" value="([^"]*)"', body)
    assert match is not None
    client.post(
        URL, {**data, "source": "settings", "consent_token": match.group(1)}, HTTP_SEC_GPC="1"
    )

    state = consent_for_client(client, **{"Sec-GPC": "1"})
    assert state.may_count_statistics
    assert state.may_load_research
    assert ConsentRecord.objects.count() == 3


# --- Bad input: a 4xx with the form, nothing written ---------------------------------


@pytest.mark.parametrize(
    "data",
    [
        {"statistics": "maybe", "research": "granted"},
        {"statistics": "allowed", "research": "yes please"},
        {"research": "granted"},
        {"statistics": "allowed"},
        {"statistics": "x" * 100_000, "research": "granted"},
        {"statistics": "allowed", "research": "granted", "source": "elsewhere"},
        {"statistics": "allowed\x00", "research": "granted"},
    ],
)
def test_a_malformed_post_is_refused_with_the_form_and_nothing_written(
    client: Client, data: dict[str, str]
) -> None:
    response = choose(client, **data)

    assert response.status_code == 400
    assert "Nothing was changed" in response.content.decode()
    assert "x" * 1000 not in response.content.decode()
    assert ConsentRecord.objects.count() == 0
    assert cookies.cookie_name("consent") not in response.cookies


def test_non_utf8_is_refused_and_nothing_written(client: Client) -> None:
    body = f"source=settings&statistics=allowed&research=%FF%FE&consent_token={token(client)}"
    response = client.post(URL, body, content_type="application/x-www-form-urlencoded")

    assert response.status_code == 400
    assert ConsentRecord.objects.count() == 0


@pytest.mark.parametrize("bad_token", ["", "forged", "none.x:1:abc"])
def test_a_form_we_did_not_issue_records_nothing(client: Client, bad_token: str) -> None:
    response = choose(client, statistics="allowed", research="granted", consent_token=bad_token)

    assert response.status_code == 409
    assert ConsentRecord.objects.count() == 0


def test_a_replayed_form_records_nothing(client: Client) -> None:
    form = token(client)
    first = choose(client, statistics="objected", research="granted", consent_token=form)
    replay = choose(client, statistics="objected", research="granted", consent_token=form)

    assert (first.status_code, replay.status_code) == (200, 409)
    assert ConsentRecord.objects.count() == 1
    assert "nothing was recorded" in replay.content.decode()


def test_a_cross_site_post_is_refused_and_nothing_written() -> None:
    client = Client(enforce_csrf_checks=True)
    form = token(client)

    without_cookie = client.post(
        URL,
        {
            "source": "settings",
            "statistics": "objected",
            "research": "granted",
            "consent_token": form,
        },
        HTTP_SEC_FETCH_SITE="cross-site",
        HTTP_ORIGIN="https://evil.example",
    )
    client.cookies[cookies.cookie_name("csrf")] = "a" * 32
    with_cookie = client.post(
        URL,
        {
            "source": "settings",
            "statistics": "objected",
            "research": "granted",
            "consent_token": form,
        },
        HTTP_SEC_FETCH_SITE="cross-site",
        HTTP_ORIGIN="https://evil.example",
    )

    assert (without_cookie.status_code, with_cookie.status_code) == (403, 403)
    assert ConsentRecord.objects.count() == 0


def test_a_same_origin_post_works_without_any_cookie() -> None:
    client = Client(enforce_csrf_checks=True)
    form = token(client)

    response = client.post(
        URL,
        {
            "source": "settings",
            "statistics": "objected",
            "research": "refused",
            "consent_token": form,
        },
        HTTP_SEC_FETCH_SITE="same-origin",
    )

    assert response.status_code == 200
    assert ConsentRecord.objects.count() == 1
    assert cookies.cookie_name("csrf") not in response.cookies


def test_a_forged_consent_cookie_counts_as_no_choice(client: Client) -> None:
    client.cookies[cookies.cookie_name("consent")] = "eyJpIjoiMSJ9:forged:sig"

    state = consent_for_client(client)

    assert state.stored is None
    assert state.may_count_statistics
    assert not state.may_load_research
