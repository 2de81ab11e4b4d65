"""The help centre: topics, and a server-side search that works without JavaScript."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils.html import escape

from partnership.public import help

pytestmark = pytest.mark.django_db


def test_help_page_offers_the_search_form_and_every_topic(client: Client) -> None:
    body = client.get("/help/").content.decode()

    assert '<form method="get" action="/help/search/" class="search-form" role="search">' in body
    assert '<input type="search" name="q" id="id_q" maxlength="100" value=""' in body
    for topic in help.TOPICS:
        assert f'<li><a href="{topic.url}">{topic.title}</a></li>' in body


@pytest.mark.parametrize("topic", help.TOPICS, ids=lambda topic: topic.slug)
def test_each_topic_has_its_page(client: Client, topic: help.HelpTopic) -> None:
    response = client.get(topic.url)

    assert response.status_code == 200
    body = response.content.decode()
    assert f"<h1>{topic.title}</h1>" in body
    assert escape(topic.paragraphs[0]) in body


def test_an_unknown_topic_is_not_found(client: Client) -> None:
    assert client.get("/help/no-such-topic/").status_code == 404


@pytest.mark.parametrize(
    ("query", "slugs"),
    [
        ("lost card", ["lost-or-stolen-card"]),
        ("STOLEN", ["lost-or-stolen-card"]),
        ("interest", ["interest-and-fees", "points-and-vouchers"]),
        ("vouch", ["points-and-vouchers"]),
        ("password", ["lost-or-stolen-card", "signing-in"]),
        ("braille", ["another-format"]),
        ("mortgage", []),
    ],
)
def test_search_finds_the_topics_holding_every_word(query: str, slugs: list[str]) -> None:
    found = help.topic_search(words=help.query_words(query))

    assert [topic.slug for topic in found] == slugs


def test_search_page_lists_the_results_and_keeps_the_query(client: Client) -> None:
    response = client.get("/help/search/", {"q": "lost card"})

    assert response.status_code == 200
    body = response.content.decode()
    assert "1 topic found" in body
    assert '<a href="/help/lost-or-stolen-card/">Lost or stolen card</a>' in body
    assert 'value="lost card"' in body


def test_search_with_no_match_says_so_and_offers_a_way_forward(client: Client) -> None:
    body = client.get("/help/search/", {"q": "mortgage"}).content.decode()

    assert "No topics found" in body
    assert "0808 157 0123" in body


def test_search_page_without_a_query_shows_the_form_and_topics(client: Client) -> None:
    response = client.get("/help/search/")

    assert response.status_code == 200
    body = response.content.decode()
    assert "found" not in body
    assert "All help topics" in body


def test_empty_query_finds_nothing_without_error(client: Client) -> None:
    response = client.get("/help/search/", {"q": "   "})

    assert response.status_code == 200
    assert "No topics found" in response.content.decode()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("a" * 101, "Your search is too long. Use up to 100 characters."),
        ("<script>alert(1)</script>", "Your search can only use letters, numbers"),
        (" ".join(f"w{i}" for i in range(11)), "Your search has too many words. Use up to 10."),
    ],
)
def test_malformed_search_is_refused_with_a_clear_message(
    client: Client, query: str, message: str
) -> None:
    response = client.get("/help/search/", {"q": query})

    assert response.status_code == 400
    body = response.content.decode()
    assert message in body
    assert '<div class="error-summary" role="alert"' in body
    assert "<title>Error: Search the help centre" in body
    assert "<script>alert(1)</script>" not in body
    assert "found" not in body


def test_search_with_a_nul_character_is_refused_and_not_shown_back(client: Client) -> None:
    response = client.get("/help/search/", {"q": "card\x00"})

    assert response.status_code == 400
    body = response.content.decode()
    assert "Search the help centre: Null characters are not allowed." in body
    assert "\x00" not in body
    assert 'id="id_q" maxlength="100" value=""' in body


def test_search_with_bytes_that_are_not_utf8_is_refused(client: Client) -> None:
    response = client.get("/help/search/?q=%ff%fe")

    assert response.status_code == 400
    assert "Your search can only use letters" in response.content.decode()


def test_search_results_are_not_served_from_the_page_cache(client: Client) -> None:
    first = client.get("/help/search/", {"q": "braille"}).content.decode()
    second = client.get("/help/search/", {"q": "vouchers"}).content.decode()

    assert "Large print, audio and other formats" in first
    assert "Earning and spending points" in second
    assert "Large print, audio" not in second.split('<h2 id="results"')[1].split("All help")[0]
