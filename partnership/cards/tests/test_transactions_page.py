from __future__ import annotations

import datetime as dt
import html
from typing import Any

import pytest
from django.test import Client

from partnership.cards.models import CardAccount
from partnership.cards.tests.factories import post, purchase
from partnership.core import clock

URL = "/account/card/transactions/"
TODAY = dt.date(2026, 3, 31)


@pytest.fixture(autouse=True)
def frozen_today(monkeypatch: pytest.MonkeyPatch) -> None:
    noon = dt.datetime.combine(TODAY, dt.time(12), tzinfo=clock.LONDON)
    monkeypatch.setattr(clock, "now", lambda: noon)


def shown(response: Any) -> list[str]:
    """The descriptions in the results table, in order."""
    return [row.description for row in response.context["page"].rows]


def text(response: Any) -> str:
    body: str = response.content.decode()
    return html.unescape(body)


def test_the_default_range_is_the_last_90_days(
    customer_client: Client, account: CardAccount
) -> None:
    post(
        account,
        purchase(dt.date(2025, 12, 31), "Too old", "1.00"),
        purchase(dt.date(2026, 1, 1), "Ninety days ago", "2.00"),
        purchase(TODAY, "Today", "3.00"),
    )

    response = customer_client.get(URL)

    assert response.status_code == 200
    assert shown(response) == ["Today", "Ninety days ago"]
    assert "2 transactions from 1 January 2026 to 31 March 2026" in text(response)


def test_from_and_to_choose_the_days_both_included(
    customer_client: Client, account: CardAccount
) -> None:
    post(
        account,
        purchase(dt.date(2025, 6, 1), "Before", "1.00"),
        purchase(dt.date(2025, 6, 2), "First day", "1.00"),
        purchase(dt.date(2025, 6, 9), "Last day", "1.00"),
        purchase(dt.date(2025, 6, 10), "After", "1.00"),
    )

    response = customer_client.get(URL, {"from": "2025-06-02", "to": "09/06/2025"})

    assert response.status_code == 200
    assert shown(response) == ["Last day", "First day"]


def test_search_matches_the_description_whatever_the_case(
    customer_client: Client, account: CardAccount
) -> None:
    post(
        account,
        purchase(dt.date(2026, 3, 1), "Corner Grocer", "12.00"),
        purchase(dt.date(2026, 3, 2), "Rail Ticket Office", "30.00"),
        purchase(dt.date(2026, 3, 3), "CORNER  GROCER express", "4.00"),
    )

    response = customer_client.get(URL, {"q": "  corner grocer "})

    assert response.status_code == 200
    assert shown(response) == ["CORNER  GROCER express", "Corner Grocer"]
    assert "whose description contains “corner grocer”" in text(response)


def test_search_never_shows_another_customers_transactions(
    customer_client: Client, account: CardAccount
) -> None:
    from partnership.cards.tests.factories import account_create, customer_create

    other = account_create(owner=customer_create(), seed=2)
    post(other, purchase(dt.date(2026, 3, 1), "Corner Grocer", "12.00"))

    response = customer_client.get(URL, {"q": "grocer"})

    assert shown(response) == []
    assert "No transactions from 1 January 2026 to 31 March 2026" in text(response)


def test_pages_hold_25_transactions_newest_first(
    customer_client: Client, account: CardAccount
) -> None:
    days = [dt.date(2026, 3, 1) + dt.timedelta(days=i) for i in range(30)]
    post(account, *[purchase(day, f"Shop {i:02d}", "1.00") for i, day in enumerate(days)])

    first = customer_client.get(URL, {"from": "2026-03-01", "to": "2026-04-30"})
    second = customer_client.get(URL, {"from": "2026-03-01", "to": "2026-04-30", "page": "2"})

    assert shown(first) == [f"Shop {i:02d}" for i in range(29, 4, -1)]
    assert shown(second) == [f"Shop {i:02d}" for i in range(4, -1, -1)]
    assert "page=2" in first.content.decode()
    assert "Page 2 of 2" in text(second)


def test_a_page_past_the_last_shows_the_last_and_says_so(
    customer_client: Client, account: CardAccount
) -> None:
    post(account, *[purchase(dt.date(2026, 3, 1), f"Shop {i:02d}", "1.00") for i in range(30)])

    response = customer_client.get(URL, {"page": "999999"})

    assert response.status_code == 200
    assert len(shown(response)) == 5
    assert "There are only 2 pages; this is the last." in text(response)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (
            {"from": "2026-03-02", "to": "2026-03-01"},
            "The first day must be on or before the last day.",
        ),
        ({"from": "2026-02-30"}, "Enter a real date, for example 2026-03-31 or 31/03/2026."),
        ({"to": "31/02/2026"}, "Enter a real date, for example 2026-03-31 or 31/03/2026."),
        ({"from": "yesterday"}, "Enter a real date, for example 2026-03-31 or 31/03/2026."),
        ({"from": "2024-03-30", "to": "2026-03-31"}, "Choose a range of at most 2 years."),
        ({"from": "0001-01-01", "to": "0001-01-02"}, None),
        ({"page": "0"}, "Page numbers start at 1."),
        ({"page": "-1"}, "Page numbers start at 1."),
        ({"page": "abc"}, "Enter a page number, such as 2."),
        ({"page": "9" * 5000}, "Enter a page number, such as 2."),
        ({"q": "x" * 101}, "Search for at most 100 characters."),
        ({"q": "x" * 200_000}, "Search for at most 100 characters."),
        ({"q": "grocer\x00"}, "This contains control characters"),
    ],
)
def test_bad_input_gets_a_clear_message_never_a_server_error(
    customer_client: Client, account: CardAccount, query: dict[str, str], message: str | None
) -> None:
    response = customer_client.get(URL, query)

    if message is None:  # the oldest possible dates are fine, just empty
        assert response.status_code == 200
        assert shown(response) == []
        return
    assert response.status_code == 400
    body = text(response)
    assert "There is a problem" in body
    assert message in body
    assert "page" not in response.context or response.context.get("page") is None


def test_exactly_two_years_is_allowed(customer_client: Client, account: CardAccount) -> None:
    response = customer_client.get(URL, {"from": "2024-03-31", "to": "2026-03-31"})

    assert response.status_code == 200


def test_text_that_is_not_utf8_is_refused_with_a_message(
    customer_client: Client, account: CardAccount
) -> None:
    response = customer_client.get(URL, QUERY_STRING="q=%FF%FEgrocer")

    assert response.status_code == 400
    assert "We could not read what was sent here: it was not UTF-8 text." in text(response)


def test_script_in_the_search_text_is_shown_as_text(
    customer_client: Client, account: CardAccount
) -> None:
    post(account, purchase(dt.date(2026, 3, 1), "<script>alert(1)</script>", "1.00"))

    response = customer_client.get(URL, {"q": "<script>alert(1)</script>"})

    body = response.content.decode()
    assert response.status_code == 200
    assert shown(response) == ["<script>alert(1)</script>"]
    assert "<script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
