"""Error pages keep the design and say nothing about the person who met them."""

from __future__ import annotations

import pytest
from django.test import Client

from partnership.accounts.tests.support import customer_make, sign_in

pytestmark = pytest.mark.django_db


def test_not_found_for_a_signed_in_customer_shows_the_design_and_nothing_about_them(
    client: Client,
) -> None:
    customer = customer_make("ada.test@example.com", full_name="Ada Testperson")
    sign_in(client, customer)

    response = client.get("/no-such-page/")

    assert response.status_code == 404
    body = response.content.decode()
    assert '<link rel="stylesheet" href="/static/css/site.' in body
    assert "<h2>Where you can go from here</h2>" in body
    assert '<form method="get" action="/help/search/"' in body
    assert "ada.test@example.com" not in body
    assert "Ada Testperson" not in body
    assert "Hello" not in body
