"""The gate's rate limit: 10 wrong tries (malformed ones too) in 10 minutes → 429;
right answers do not count; the window passes with the clock."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from partnership.core import clock
from partnership.offers.tests.support import FULL_TEXT_MARK, offer_make

pytestmark = pytest.mark.django_db

URL = "/offers/"
# On a bucket boundary of the limiter (multiples of 10 minutes since 2000), plus a second.
START = dt.datetime(2026, 11, 2, 10, 0, 1, tzinfo=dt.UTC)


@pytest.fixture
def at(monkeypatch: pytest.MonkeyPatch) -> list[dt.datetime]:
    """The clock, pinned; tests move it by replacing ``at[0]``."""
    moment = [START]
    monkeypatch.setattr(clock, "now", lambda: moment[0])
    offer_make()
    return moment


def post(client: Client, typed: str) -> int:
    # The same address for every request: the limit is per client.
    return client.post(URL, {"first_six": typed}, REMOTE_ADDR="192.0.2.7").status_code


def test_ten_wrong_tries_then_429_with_a_plain_explanation(at: list[dt.datetime]) -> None:
    client = Client()

    statuses = [post(client, "999999" if i % 2 else "abc") for i in range(10)]
    refused = client.post(URL, {"first_six": "412345"}, REMOTE_ADDR="192.0.2.7")

    assert statuses == [400] * 10
    body = refused.content.decode()
    assert refused.status_code == 429
    assert "were typed 10 times in 10 minutes" in body
    assert "You can try again after 10:10" in body
    assert refused["Retry-After"] == "599"
    # Refused unchecked: even the right digits unlock nothing while the limit holds.
    assert FULL_TEXT_MARK not in body
    assert "412345" not in body


def test_another_client_is_not_limited(at: list[dt.datetime]) -> None:
    client = Client()
    for _ in range(10):
        post(client, "999999")

    other = client.post(URL, {"first_six": "999999"}, REMOTE_ADDR="198.51.100.9")

    assert other.status_code == 400


def test_right_answers_do_not_count(at: list[dt.datetime]) -> None:
    client = Client()

    wrong = [post(client, "999999") for _ in range(9)]
    right = [post(client, "412345") for _ in range(20)]
    tenth_wrong = post(client, "999999")
    then = post(client, "412345")

    assert wrong == [400] * 9
    assert set(right) == {302}
    assert (tenth_wrong, then) == (400, 429)


def test_the_limit_passes_with_the_window(at: list[dt.datetime]) -> None:
    client = Client()
    for _ in range(10):
        post(client, "999999")

    at[0] = START + dt.timedelta(minutes=9, seconds=58)
    still = post(client, "412345")
    at[0] = START + dt.timedelta(minutes=10, seconds=1)
    after = post(client, "412345")

    assert (still, after) == (429, 302)


def test_looking_at_the_page_never_counts(at: list[dt.datetime]) -> None:
    client = Client()
    for _ in range(30):
        client.get(URL, REMOTE_ADDR="192.0.2.7")

    assert post(client, "999999") == 400
