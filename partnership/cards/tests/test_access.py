"""One guard per protected thing: someone else's object answers exactly like a missing one."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from django.conf import settings
from django.http import Http404
from django.test import Client

from partnership.accounts.tests.support import sign_in
from partnership.audit.models import AuditEvent
from partnership.cards import services
from partnership.cards.access import access_card_account, access_statement, access_transaction
from partnership.cards.models import CardAccount
from partnership.cards.tests.factories import account_create, customer_create, post, purchase

PAGES = [
    "/account/card/",
    "/account/card/transactions/",
    "/account/card/statements/",
    "/account/card/points/",
]


@pytest.fixture
def others(db: None) -> dict[str, Any]:
    """Another customer's account, statement and transaction."""
    owner = customer_create()
    account = account_create(owner=owner, seed=7)
    (row,) = post(account, purchase(dt.date(2025, 1, 5), "Their shop", "12.00"))
    statement = services.statement_generate(account=account, period_start=dt.date(2025, 1, 1))
    return {"owner": owner, "account": account, "statement": statement, "transaction": row}


def object_urls(statement_id: object, transaction_id: object) -> list[str]:
    return [
        f"/account/card/statements/{statement_id}/",
        f"/account/card/statements/{statement_id}/pdf/",
        f"/account/card/statements/{statement_id}/csv/",
        f"/account/card/transactions/{transaction_id}/",
    ]


def test_someone_elses_objects_answer_exactly_like_missing_ones(
    customer_client: Client, account: CardAccount, others: dict[str, Any]
) -> None:
    audit_before = AuditEvent.objects.count()
    theirs = object_urls(others["statement"].pk, others["transaction"].pk)
    missing = object_urls(uuid.uuid4(), uuid.uuid4())

    answers = [customer_client.get(url) for url in theirs + missing]

    assert [r.status_code for r in answers] == [404] * 8
    assert len({r.content for r in answers}) == 1
    assert AuditEvent.objects.count() == audit_before  # no download was recorded


def test_the_owner_opens_their_own_objects(others: dict[str, Any], cards_urls: None) -> None:
    client = Client()
    sign_in(client, others["owner"])

    answers = [
        client.get(url) for url in object_urls(others["statement"].pk, others["transaction"].pk)
    ]

    assert [r.status_code for r in answers] == [200] * 4


def test_the_guards_raise_404_for_missing_and_not_yours_alike(
    customer: Any, account: CardAccount, others: dict[str, Any]
) -> None:
    attempts: list[Callable[[], object]] = [
        lambda: access_card_account(user=customer, account_id=others["account"].pk),
        lambda: access_card_account(user=customer, account_id=uuid.uuid4()),
        lambda: access_statement(user=customer, statement_id=others["statement"].pk),
        lambda: access_statement(user=customer, statement_id=uuid.uuid4()),
        lambda: access_transaction(user=customer, transaction_id=others["transaction"].pk),
        lambda: access_transaction(user=customer, transaction_id=uuid.uuid4()),
    ]
    for attempt in attempts:
        with pytest.raises(Http404):
            attempt()

    assert access_card_account(user=customer, account_id=account.pk) == account
    assert (
        access_statement(user=others["owner"], statement_id=others["statement"].pk)
        == (others["statement"])
    )


def test_staff_are_refused_by_the_guards(others: dict[str, Any]) -> None:
    staff = customer_create(staff=True)

    with pytest.raises(Http404):
        access_statement(user=staff, statement_id=others["statement"].pk)


@pytest.mark.parametrize("url", PAGES)
def test_anonymous_visitors_are_sent_to_sign_in(cards_urls: None, db: None, url: str) -> None:
    response = Client().get(url)

    assert response.status_code == 302
    assert response["Location"] == f"{settings.LOGIN_URL}?next={url}"


@pytest.mark.parametrize("url", PAGES)
def test_staff_are_refused_the_customer_pages(cards_urls: None, db: None, url: str) -> None:
    client = Client()
    sign_in(client, customer_create(staff=True))

    assert client.get(url).status_code == 403


@pytest.mark.parametrize("url", PAGES)
def test_a_customer_without_a_card_account_is_told_so(customer_client: Client, url: str) -> None:
    response = customer_client.get(url)

    assert response.status_code == 200
    assert "You do not have a card account with us yet." in response.content.decode()


@pytest.mark.parametrize("url", PAGES)
def test_every_card_page_is_never_cached_and_refuses_post(
    customer_client: Client, account: CardAccount, url: str
) -> None:
    response = customer_client.get(url)

    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    assert customer_client.post(url).status_code == 405


def test_the_summary_shows_the_masked_number_and_the_figures(
    customer_client: Client, account: CardAccount
) -> None:
    post(account, purchase(dt.date(2025, 1, 5), "Corner Grocer", "1234.56"))

    body = customer_client.get("/account/card/").content.decode()

    assert f"•••• •••• •••• {account.pan[-4:]}" in body
    assert f'aria-label="Card ending {account.pan[-4:]}"' in body
    assert account.pan not in body
    assert account.pan[:6] not in body
    assert account.pan[6:12] not in body
    for figure in ("£5,000.00", "£1,234.56", "£3,765.44", "24.90%"):
        assert figure in body
