"""The staff customer search is limited per staff member: 30 searches in 15 minutes,
then 429, nothing looked up, and one audit event per refusal without the terms."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from partnership.accounts.tests.support import customer_make, sign_in
from partnership.audit.models import AuditEvent
from partnership.backoffice.services.search import SEARCH_WINDOW, SEARCHES_PER_WINDOW
from partnership.backoffice.tests.support import agent
from partnership.core import clock

pytestmark = pytest.mark.django_db

URL = "/staff/customers/"
# A second past a 15-minute bucket boundary of the limiter (buckets count from 2000).
START = dt.datetime(2026, 11, 25, 10, 0, 1, tzinfo=dt.UTC)
THROTTLED = "staff:customer-search:throttled"


@pytest.fixture
def at(monkeypatch: pytest.MonkeyPatch) -> list[dt.datetime]:
    """The clock, pinned; tests move it by replacing ``at[0]``."""
    moment = [START]
    monkeypatch.setattr(clock, "now", lambda: moment[0])
    return moment


def searches_up_to_the_limit(client: Client, reference: str) -> list[int]:
    return [
        client.post(URL, {"reference": reference}).status_code for _ in range(SEARCHES_PER_WINDOW)
    ]


def event_count(name: str) -> int:
    return AuditEvent.objects.filter(event=name).count()


def test_the_limit_is_30_searches_in_15_minutes() -> None:
    assert SEARCHES_PER_WINDOW == 30
    assert dt.timedelta(minutes=15) == SEARCH_WINDOW


def test_the_31st_search_is_refused_unmade_with_one_audit_event(at: list[dt.datetime]) -> None:
    client, staff = agent()
    customer = customer_make("ada.test@example.com")
    statuses = searches_up_to_the_limit(client, str(customer.pk))

    refused = client.post(URL, {"email": "ada.test@example.com"})

    assert statuses == [302] * 30
    body = refused.content.decode()
    assert refused.status_code == 429
    assert "Location" not in refused.headers
    assert refused["Retry-After"] == "899"
    assert "You have made 30 customer searches in 15 minutes" in body
    assert "You can search again after 10:15 (UK time)" in body
    assert "ada.test@example.com" not in body
    # No look-up: the 30 searches before it are the only ones recorded, and nothing
    # about the customer was opened.
    assert event_count("staff:customer:search") == 30
    assert event_count("staff:access:grant") == event_count("staff:customer:view") == 0
    event = AuditEvent.objects.get(event=THROTTLED)
    assert (event.actor_kind, event.actor_id, event.subject_type, event.subject_id) == (
        "staff",
        str(staff.pk),
        "",
        "",
    )
    assert (event.reason, event.data) == (
        "",
        {"method": "email", "limit": 30, "window_minutes": 15},
    )


def test_each_further_refusal_is_recorded_once_and_looks_nothing_up(
    at: list[dt.datetime],
) -> None:
    client, _ = agent()
    customer = customer_make("ada.test@example.com")
    searches_up_to_the_limit(client, str(customer.pk))

    statuses = [client.post(URL, {"reference": str(customer.pk)}).status_code for _ in range(3)]

    assert statuses == [429, 429, 429]
    assert event_count(THROTTLED) == 3
    assert event_count("staff:customer:search") == 30


def test_another_staff_member_can_still_search(at: list[dt.datetime]) -> None:
    busy, _ = agent("busy.agent@example.com")
    other, other_staff = agent("other.agent@example.com")
    customer = customer_make("ada.test@example.com")
    searches_up_to_the_limit(busy, str(customer.pk))
    assert busy.post(URL, {"reference": str(customer.pk)}).status_code == 429

    found = other.post(URL, {"reference": str(customer.pk)})

    assert found.status_code == 302
    assert found.headers["Location"] == f"/staff/customers/{customer.pk}/"
    last = AuditEvent.objects.filter(event="staff:customer:search").order_by("sequence").last()
    assert last is not None
    assert (last.actor_id, last.subject_id) == (str(other_staff.pk), str(customer.pk))
    assert event_count(THROTTLED) == 1


def test_a_form_in_error_is_not_counted(at: list[dt.datetime]) -> None:
    client, _ = agent()
    customer = customer_make("ada.test@example.com")
    for _ in range(SEARCHES_PER_WINDOW):
        assert client.post(URL, {}).status_code == 400

    found = client.post(URL, {"reference": str(customer.pk)})

    assert found.status_code == 302
    assert event_count(THROTTLED) == 0


def test_searching_is_possible_again_once_the_window_has_passed(at: list[dt.datetime]) -> None:
    client, staff = agent()
    customer = customer_make("ada.test@example.com")
    searches_up_to_the_limit(client, str(customer.pk))
    assert client.post(URL, {"reference": str(customer.pk)}).status_code == 429

    at[0] = START + SEARCH_WINDOW + dt.timedelta(minutes=1)
    sign_in(client, staff)  # the staff session's idle timeout is 15 minutes too
    found = client.post(URL, {"reference": str(customer.pk)})

    assert found.headers["Location"] == f"/staff/customers/{customer.pk}/"
    assert event_count("staff:customer:search") == 31
