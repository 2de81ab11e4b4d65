"""/offers/: teasers for everyone, the full offers after the card digits, with or without
cookies; the digits kept nowhere."""

from __future__ import annotations

import datetime as dt
import json
import logging

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from pytest_django import Settings

from partnership.core import clock
from partnership.core.models import RateLimitCounter
from partnership.offers.gate import MESSAGES, Verdict
from partnership.offers.models import Offer
from partnership.offers.tests.support import FULL_TEXT_MARK, offer_make

pytestmark = pytest.mark.django_db

URL = "/offers/"
GOOD = "412345"
SAME_ORIGIN = {"Sec-Fetch-Site": "same-origin"}


def cookieless() -> Client:
    """A browser that keeps no cookies: it never sends one (and checks CSRF like a browser)."""
    return Client(enforce_csrf_checks=True)


def with_cookies() -> Client:
    """A browser that keeps cookies: it has visited the page and holds the CSRF cookie."""
    client = Client()
    client.get(URL)
    assert settings.CSRF_COOKIE_NAME in client.cookies
    return client


def test_everyone_sees_the_teasers_but_not_the_full_offers(running_offer: Offer) -> None:
    response = Client().get(URL)

    body = response.content.decode()
    assert response.status_code == 200
    assert running_offer.title in body
    assert running_offer.teaser in body
    assert FULL_TEXT_MARK not in body
    assert '<form method="post" action="/offers/"' in body
    assert 'autocomplete="off"' in body


def test_only_published_offers_running_today_in_london_are_shown(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # 23:30 UTC on 30 June is 00:30 on 1 July in London (BST).
    monkeypatch.setattr(clock, "now", lambda: dt.datetime(2026, 6, 30, 23, 30, tzinfo=dt.UTC))
    july_1 = dt.date(2026, 7, 1)
    offer_make(title="Starts today", starts_on=july_1, ends_on=july_1)
    offer_make(
        title="Ended yesterday",
        starts_on=july_1 - dt.timedelta(days=5),
        ends_on=july_1 - dt.timedelta(days=1),
    )
    offer_make(
        title="Starts tomorrow",
        starts_on=july_1 + dt.timedelta(days=1),
        ends_on=july_1 + dt.timedelta(days=9),
    )
    offer_make(title="A draft", starts_on=july_1, ends_on=july_1, is_published=False)

    body = Client().get(URL).content.decode()

    assert "Starts today" in body
    for hidden in ("Ended yesterday", "Starts tomorrow", "A draft"):
        assert hidden not in body


def test_with_cookies_the_right_digits_unlock_the_session_for_30_minutes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    start = dt.datetime(2026, 11, 2, 10, 0, 30, tzinfo=dt.UTC)
    monkeypatch.setattr(clock, "now", lambda: start)
    offer_make()
    client = with_cookies()

    response = client.post(URL, {"first_six": GOOD})

    assert (response.status_code, response["Location"]) == (302, URL)
    assert FULL_TEXT_MARK in client.get(URL).content.decode()
    monkeypatch.setattr(clock, "now", lambda: start + dt.timedelta(minutes=29, seconds=59))
    assert FULL_TEXT_MARK in client.get(URL).content.decode()
    monkeypatch.setattr(clock, "now", lambda: start + dt.timedelta(minutes=30))
    assert FULL_TEXT_MARK not in client.get(URL).content.decode()


def test_the_session_holds_a_time_and_no_digits(running_offer: Offer) -> None:
    client = with_cookies()

    client.post(URL, {"first_six": GOOD})

    # Read through the session engine in use (database, or Redis with REDIS_URL).
    data = dict(client.session.items())
    assert list(data) == ["offers.unlocked_until"]
    assert GOOD not in json.dumps(data)


def test_without_cookies_the_full_offers_are_the_answer_to_the_post(running_offer: Offer) -> None:
    response = cookieless().post(URL, {"first_six": GOOD}, headers=SAME_ORIGIN)

    body = response.content.decode()
    assert response.status_code == 200
    assert FULL_TEXT_MARK in body
    assert "Your browser keeps no cookies from us" in body
    assert GOOD not in body
    assert response.cookies == {}
    assert "Set-Cookie" not in response.headers
    assert Session.objects.count() == 0
    assert RateLimitCounter.objects.count() == 0


def test_a_cross_site_post_without_cookies_is_refused_and_counts_nothing(
    running_offer: Offer,
) -> None:
    response = cookieless().post(
        URL, {"first_six": "999999"}, headers={"Sec-Fetch-Site": "cross-site"}
    )

    assert response.status_code == 403
    assert RateLimitCounter.objects.count() == 0
    assert Session.objects.count() == 0


def test_a_cross_site_post_with_cookies_is_refused_and_unlocks_nothing(
    running_offer: Offer,
) -> None:
    client = Client(enforce_csrf_checks=True)
    client.get(URL)

    response = client.post(
        URL,
        {"first_six": GOOD, "csrfmiddlewaretoken": "forged" * 8},
        headers={"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"},
    )

    assert response.status_code == 403
    assert Session.objects.count() == 0


def test_the_digits_in_a_query_string_unlock_nothing(running_offer: Offer) -> None:
    body = Client().get(URL, {"first_six": GOOD}).content.decode()

    assert FULL_TEXT_MARK not in body


@pytest.mark.parametrize(
    ("typed", "verdict"),
    [
        ("", Verdict.EMPTY),
        ("412 345", Verdict.SPACES),
        (" 412345", Verdict.SPACES),
        ("412345\n", Verdict.SPACES),
        ("+412345", Verdict.SIGNS),
        ("-41234", Verdict.SIGNS),
        ("４１２３４５", Verdict.OTHER_DIGITS),  # full-width
        ("٤١٢٣٤٥", Verdict.OTHER_DIGITS),  # Arabic-Indic
        ("41234５", Verdict.OTHER_DIGITS),
        ("4123a5", Verdict.NOT_DIGITS),
        ("41234", Verdict.TOO_SHORT),
        ("4123456789012345", Verdict.TOO_LONG),
        ("412344", Verdict.NOT_OUR_CARD),
        ("999999", Verdict.NOT_OUR_CARD),
    ],
)
def test_wrong_or_malformed_digits_get_a_clear_message_and_are_not_echoed(
    running_offer: Offer, typed: str, verdict: Verdict
) -> None:
    response = with_cookies().post(URL, {"first_six": typed})

    body = response.content.decode()
    assert response.status_code == 400
    assert MESSAGES[verdict] in body.replace("&#x27;", "'")
    assert FULL_TEXT_MARK not in body
    assert 'name="first_six" type="text"' in body
    assert 'name="first_six" value' not in body
    if typed.strip():
        assert typed.strip() not in body


def test_the_gate_follows_the_configured_ranges(running_offer: Offer, settings: Settings) -> None:
    settings.CARD_BIN_RANGES = "601100-601101"

    assert cookieless().post(URL, {"first_six": "601101"}).status_code == 200
    assert cookieless().post(URL, {"first_six": GOOD}).status_code == 400


def test_the_digits_are_never_logged(
    running_offer: Offer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    client = with_cookies()

    client.post(URL, {"first_six": "412344"})
    client.post(URL, {"first_six": "４１２３４６"})
    client.post(URL, {"first_six": GOOD})

    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "412344" not in logged
    assert GOOD not in logged
    assert "４１２３４６" not in logged


def test_bytes_that_are_not_utf8_get_the_form_back_with_a_message(running_offer: Offer) -> None:
    response = with_cookies().post(
        URL, b"first_six=%FF%FE412345", content_type="application/x-www-form-urlencoded"
    )

    assert response.status_code == 400
    assert MESSAGES[Verdict.NOT_DIGITS] in response.content.decode()
    assert FULL_TEXT_MARK not in response.content.decode()


def test_a_body_over_the_limit_is_refused_before_anything_counts(running_offer: Offer) -> None:
    response = with_cookies().post(URL, {"first_six": "4" * (1024 * 1024 + 1)}, headers=SAME_ORIGIN)

    assert response.status_code == 413
    assert RateLimitCounter.objects.count() == 0


def test_a_long_field_under_the_limit_is_just_too_long(running_offer: Offer) -> None:
    response = with_cookies().post(URL, {"first_six": "4" * 500_000})

    assert response.status_code == 400
    assert MESSAGES[Verdict.TOO_LONG] in response.content.decode()


def test_a_replayed_right_answer_is_answered_again_and_stores_nothing_new(
    running_offer: Offer,
) -> None:
    client = cookieless()

    first = client.post(URL, {"first_six": GOOD}, headers=SAME_ORIGIN)
    again = client.post(URL, {"first_six": GOOD}, headers=SAME_ORIGIN)

    assert first.status_code == again.status_code == 200
    assert Session.objects.count() == RateLimitCounter.objects.count() == 0
