from __future__ import annotations

import pytest
from django.test import Client

from partnership.accounts.models import User
from partnership.accounts.tests.support import customer_make, sign_in


@pytest.fixture
def customer(db: None) -> User:
    return customer_make("writer.test@example.com")


@pytest.fixture
def other(db: None) -> User:
    return customer_make("someone.else.test@example.com")


@pytest.fixture
def client_of(customer: User) -> Client:
    client = Client()
    sign_in(client, customer)
    return client
