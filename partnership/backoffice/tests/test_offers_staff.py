"""/staff/offers/: marketing staff list, add and edit offers; every change audited; no one
else may."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from partnership.accounts.tests.support import customer_make, sign_in, staff_make
from partnership.audit.models import AuditEvent
from partnership.backoffice import access
from partnership.offers.models import Offer
from partnership.offers.tests.support import offer_make

pytestmark = pytest.mark.django_db


def marketing() -> tuple[Client, Any]:
    client = Client()
    user = staff_make(group=access.MARKETING)
    sign_in(client, user)
    return client, user


def form_data(**overrides: str) -> dict[str, str]:
    data = {
        "title": "Free delivery",
        "partner": "Harbourline Home",
        "teaser": "Delivery on us.",
        "body": "Free delivery on orders over **£50**. <script>alert(1)</script>",
        "starts_on": "2026-12-01",
        "ends_on": "2026-12-31",
        "is_published": "on",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("path", ["/staff/offers/", "/staff/offers/new/", "edit"])
@pytest.mark.parametrize(
    ("who", "status"),
    [
        (access.MARKETING, 200),
        (access.CUSTOMER_SERVICE_AGENT, 403),
        (access.COMPLIANCE_OFFICER, 403),
        ("customer", 403),
        ("anonymous", 302),
    ],
)
def test_only_marketing_may_use_the_offers_pages(path: str, who: str, status: int) -> None:
    client = Client()
    if path == "edit":
        path = f"/staff/offers/{offer_make().pk}/"
    if who == "customer":
        sign_in(client, customer_make())
    elif who != "anonymous":
        sign_in(client, staff_make(group=who))

    response = client.get(path)

    assert response.status_code == status
    if who == "anonymous":
        assert response["Location"] == f"/account/login/?next={path}"


def test_marketing_adds_an_offer_and_it_is_audited() -> None:
    client, user = marketing()

    response = client.post("/staff/offers/new/", form_data())

    assert (response.status_code, response["Location"]) == (302, "/staff/offers/")
    offer = Offer.objects.get()
    assert (offer.title, offer.starts_on, offer.ends_on, offer.is_published) == (
        "Free delivery",
        dt.date(2026, 12, 1),
        dt.date(2026, 12, 31),
        True,
    )
    # Markdown rendered, raw HTML shown as text, never run.
    assert "<strong>£50</strong>" in offer.body_html
    assert "<script>" not in offer.body_html
    event = AuditEvent.objects.get(event__startswith="offers:")
    assert (event.event, event.actor_kind, event.actor_id, event.subject_id, event.data) == (
        "offers:offer:create",
        "staff",
        str(user.pk),
        str(offer.pk),
        {"published": True},
    )
    assert "Free delivery" in client.get("/staff/offers/").content.decode()


def test_marketing_edits_an_offer_and_it_is_audited() -> None:
    offer = offer_make()
    client, user = marketing()

    page = client.get(f"/staff/offers/{offer.pk}/").content.decode()
    response = client.post(
        f"/staff/offers/{offer.pk}/", form_data(title="Changed", is_published="")
    )

    assert 'value="Double points on groceries"' in page
    assert response.status_code == 302
    offer.refresh_from_db()
    assert (offer.title, offer.is_published) == ("Changed", False)
    event = AuditEvent.objects.filter(event__startswith="offers:").latest("sequence")
    assert (event.event, event.actor_id, event.data) == (
        "offers:offer:update",
        str(user.pk),
        {"published": False},
    )


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"ends_on": "2026-11-30"}, "The last day cannot be before the first day."),
        ({"title": ""}, "This field is required."),
        ({"starts_on": "1/12/2026"}, "Enter a valid date."),
        ({"teaser": "x" * 301}, "Ensure this value has at most 300 characters"),
        ({"title": "Bad\x00title"}, "control characters"),
    ],
)
def test_a_bad_offer_is_refused_with_the_form_and_nothing_written(
    overrides: dict[str, str], message: str
) -> None:
    client, _ = marketing()

    response = client.post("/staff/offers/new/", form_data(**overrides))

    assert response.status_code == 400
    assert message in response.content.decode()
    assert (
        Offer.objects.count() == AuditEvent.objects.filter(event__startswith="offers").count() == 0
    )


def test_an_agent_cannot_post_an_offer_and_nothing_is_written() -> None:
    client = Client()
    sign_in(client, staff_make(group=access.CUSTOMER_SERVICE_AGENT))

    response = client.post("/staff/offers/new/", form_data())

    assert response.status_code == 403
    assert Offer.objects.count() == 0


def test_editing_a_missing_offer_is_404() -> None:
    client, _ = marketing()

    assert client.get("/staff/offers/999999/").status_code == 404
