from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from pytest_django import Settings

from partnership.accounts.tests.support import sign_in
from partnership.cards.models import CardAccount
from partnership.cards.tests.factories import account_create, customer_create


@pytest.fixture
def cards_urls(settings: Settings) -> None:
    from django.urls import NoReverseMatch, reverse

    try:
        reverse("cards:summary")
    except NoReverseMatch:
        settings.ROOT_URLCONF = "partnership.cards.tests.urls"


@pytest.fixture
def customer(db: None) -> Any:
    return customer_create()


@pytest.fixture
def account(customer: Any) -> CardAccount:
    return account_create(owner=customer)


@pytest.fixture
def customer_client(cards_urls: None, customer: Any) -> Client:
    client = Client()
    sign_in(client, customer)
    return client
