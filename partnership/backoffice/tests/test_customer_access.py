"""Need-to-know access: exact search only, a stated reason per customer, 30 minutes."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from partnership.accounts.models import User
from partnership.accounts.tests.support import customer_make, sign_in
from partnership.audit.models import AuditEvent
from partnership.backoffice.access import access_grant_live
from partnership.backoffice.models import AccessGrant
from partnership.backoffice.tests.support import agent, grant_make
from partnership.cards.models import CardAccount
from partnership.cards.tests.factories import account_create
from partnership.core import clock

pytestmark = pytest.mark.django_db

REASON = {
    "reason_category": "customer_call",
    "reason_text": "Caller asked about a payment.",
    "case_reference": "CALL-123",
}


def staff_events() -> list[tuple[str, str, str]]:
    return [
        (event.event, event.reason, event.subject_id)
        for event in AuditEvent.objects.filter(event__startswith="staff:").order_by("sequence")
    ]


def test_search_by_exact_email_finds_the_customer_and_audits_without_the_terms() -> None:
    client, staff = agent()
    customer = customer_make("ada.test@example.com")

    response = client.post("/staff/customers/", {"email": "  ADA.test@example.com "})

    assert response.status_code == 302
    assert response.headers["Location"] == f"/staff/customers/{customer.pk}/"
    event = AuditEvent.objects.get(event="staff:customer:search")
    assert (event.actor_id, event.subject_id, event.data) == (
        str(staff.pk),
        str(customer.pk),
        {"method": "email", "found": True},
    )
    assert "ada" not in str(event.data) + event.reason


@pytest.mark.parametrize(
    "terms",
    [
        {"email": "ada.test@example.co"},  # a prefix is not a match
        {"email": "da.test@example.com"},
        {"last4": "0000", "postcode": "TE1 1ST"},
        {"reference": "00000000-0000-0000-0000-000000000000"},
    ],
)
def test_a_search_without_an_exact_match_says_so(terms: dict[str, str]) -> None:
    client, _ = agent()
    customer_make("ada.test@example.com")

    response = client.post("/staff/customers/", terms)

    assert response.status_code == 200
    assert "No customer matches that exactly" in response.content.decode()
    event = AuditEvent.objects.get(event="staff:customer:search")
    assert (event.subject_id, event.data["found"]) == ("", False)


def test_search_by_card_last4_and_postcode_and_by_reference() -> None:
    client, _ = agent()
    customer = customer_make("ada.test@example.com")
    account = account_create(owner=customer)
    assert isinstance(account, CardAccount)

    by_card = client.post("/staff/customers/", {"last4": account.pan_last4, "postcode": "te11st"})
    by_reference = client.post("/staff/customers/", {"reference": str(customer.pk)})

    assert by_card.headers["Location"] == f"/staff/customers/{customer.pk}/"
    assert by_reference.headers["Location"] == f"/staff/customers/{customer.pk}/"


def test_there_is_no_list_of_customers_to_browse() -> None:
    client, _ = agent()
    customer_make("ada.test@example.com")

    page = client.get("/staff/customers/").content.decode()
    empty = client.post("/staff/customers/", {})

    assert "ada.test@example.com" not in page
    assert empty.status_code == 400
    assert "Search by one thing" in empty.content.decode()
    assert AuditEvent.objects.filter(event="staff:customer:search").count() == 0


def test_without_a_reason_the_customer_page_is_the_reason_form_and_shows_nothing() -> None:
    client, _ = agent()
    customer = customer_make("ada.test@example.com")

    response = client.get(f"/staff/customers/{customer.pk}/")

    body = response.content.decode()
    assert response.status_code == 200
    assert "Why do you need this customer" in body
    assert "ada.test@example.com" not in body
    assert "Ada Testperson" not in body
    assert staff_events() == []


def test_a_reason_opens_the_customer_for_30_minutes_and_each_view_is_audited(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    client, staff = agent()
    customer = customer_make("ada.test@example.com")

    granted = client.post(f"/staff/customers/{customer.pk}/", REASON)
    page = client.get(f"/staff/customers/{customer.pk}/")

    assert granted.status_code == 302
    assert "ada.test@example.com" in page.content.decode()
    grant = AccessGrant.objects.get()
    assert (grant.staff_id, grant.customer_id, grant.reason_category, grant.reason_text) == (
        staff.pk,
        customer.pk,
        "customer_call",
        "Caller asked about a payment.",
    )
    assert grant.expires_at - grant.created_at == dt.timedelta(minutes=30)
    assert staff_events() == [
        ("staff:access:grant", "customer_call", str(customer.pk)),
        ("staff:customer:view", "customer_call", str(customer.pk)),
    ]
    view = AuditEvent.objects.get(event="staff:customer:view")
    assert view.data == {"grant_id": str(grant.pk), "team": "customer_service", "page": "customer"}

    later = grant.expires_at + dt.timedelta(seconds=1)
    monkeypatch.setattr(clock, "now", lambda: later)
    assert access_grant_live(staff=staff, customer=customer) is None
    sign_in(client, staff)  # the session itself has idled out by then
    expired = client.get(f"/staff/customers/{customer.pk}/")
    assert "Why do you need this customer" in expired.content.decode()
    assert "ada.test@example.com" not in expired.content.decode()
    assert AuditEvent.objects.filter(event="staff:customer:view").count() == 1


def test_another_agents_grant_does_not_help() -> None:
    client, _ = agent("agent.one@example.com")
    _, other = agent("agent.two@example.com")
    customer = customer_make("ada.test@example.com")
    grant_make(staff=other, customer=customer)

    response = client.get(f"/staff/customers/{customer.pk}/")

    assert "Why do you need this customer" in response.content.decode()
    assert AuditEvent.objects.filter(event="staff:customer:view").count() == 0


def test_a_grant_for_one_customer_does_not_open_another() -> None:
    client, staff = agent()
    customer = customer_make("ada.test@example.com")
    other = customer_make("bob.test@example.com")
    grant_make(staff=staff, customer=customer)

    response = client.get(f"/staff/customers/{other.pk}/")

    assert "Why do you need this customer" in response.content.decode()


def test_staff_cannot_be_opened_as_customers() -> None:
    client, staff = agent()

    assert client.get(f"/staff/customers/{staff.pk}/").status_code == 404


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"reason_category": ""}, "This field is required."),
        ({"reason_category": "curiosity"}, "Select a valid choice."),
        ({"reason_text": ""}, "This field is required."),
        ({"reason_text": "x" * 1001}, "at most 1000 characters"),
        ({"reason_text": "bad\x00text"}, "control characters"),
        ({"reason_text": "bad \ufffd text"}, "not UTF-8"),
        ({"case_reference": "<script>"}, "letters, digits and hyphens only"),
    ],
)
def test_a_bad_reason_is_refused_and_leaves_nothing(
    overrides: dict[str, str], message: str
) -> None:
    client, _ = agent()
    customer = customer_make("ada.test@example.com")

    response = client.post(f"/staff/customers/{customer.pk}/", {**REASON, **overrides})

    assert response.status_code == 400
    assert message in response.content.decode()
    assert AccessGrant.objects.count() == 0
    assert staff_events() == []


def test_script_in_a_reason_is_stored_as_text_and_never_shown_as_html() -> None:
    client, staff = agent()
    customer: User = customer_make("ada.test@example.com")

    client.post(f"/staff/customers/{customer.pk}/", {**REASON, "reason_text": "<script>x</script>"})

    assert AccessGrant.objects.get(staff=staff).reason_text == "<script>x</script>"
    assert "<script>x" not in client.get(f"/staff/customers/{customer.pk}/").content.decode()


def test_non_utf8_search_is_refused() -> None:
    client, _ = agent()

    response = client.post(
        "/staff/customers/",
        b"email=%FF%FE%40example.com",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 400
    assert AuditEvent.objects.filter(event="staff:customer:search").count() == 0


def test_customers_see_each_staff_access_with_team_and_reason_but_not_the_person() -> None:
    _, staff = agent()
    customer = customer_make("ada.test@example.com")
    client = Client()
    staff_client = Client()
    sign_in(staff_client, staff)
    staff_client.post(f"/staff/customers/{customer.pk}/", REASON)
    staff_client.get(f"/staff/customers/{customer.pk}/")
    sign_in(client, customer)

    body = client.get("/account/privacy/access/").content.decode()

    assert "Customer service" in body
    assert "You contacted us" in body
    assert "Sam Staffperson" not in body
    assert "agent.test@example.com" not in body
    assert "Caller asked about a payment" not in body
    assert body.count("<tr>") == 2  # header and one access
