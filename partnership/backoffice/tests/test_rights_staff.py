"""/staff/rights/: the list with its overdue flag, and each action on a request."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from pytest_django import Settings

from partnership.accounts.models import User
from partnership.accounts.tests.support import customer_make
from partnership.audit.models import AuditEvent
from partnership.backoffice.tests.support import agent, rights_request_make
from partnership.compliance.rights.models import (
    RightsRequest,
    RightsRequestKind,
    RightsRequestStatus,
)
from partnership.core import clock

pytestmark = pytest.mark.django_db
EMAIL = "rights.person.test@example.com"


@pytest.fixture
def person() -> User:
    return customer_make(EMAIL)


@pytest.fixture(autouse=True)
def directories(settings: Settings, tmp_path: Path) -> None:
    settings.VAR_DIR = tmp_path / "var"
    settings.ERASURE_LEDGER_DIR = tmp_path / "ledger"


def url(request: RightsRequest) -> str:
    return f"/staff/rights/{request.pk}/"


def state(request: RightsRequest) -> tuple[Any, ...]:
    request.refresh_from_db()
    return (
        request.status,
        request.paused_since,
        request.due_on,
        request.extension_months,
        request.categories_searched,
        request.erasure_summary,
    )


def test_the_list_flags_exactly_the_overdue_requests_and_filters(person: User) -> None:
    client, _ = agent()
    late = rights_request_make(person)
    on_time = rights_request_make(person, RightsRequestKind.OBJECTION)
    closed = rights_request_make(person, RightsRequestKind.RESTRICTION)
    past = clock.today_in_london() - dt.timedelta(days=3)
    RightsRequest.objects.filter(pk__in=[late.pk, closed.pk]).update(due_on=past)
    RightsRequest.objects.filter(pk=closed.pk).update(status=RightsRequestStatus.CLOSED)

    body = client.get("/staff/rights/").content.decode()
    overdue = client.get("/staff/rights/?show=overdue").content.decode()
    everything = client.get("/staff/rights/?show=all").content.decode()

    assert body.count('class="overdue"') == 1
    assert (url(late) in body, url(on_time) in body, url(closed) in body) == (True, True, False)
    assert (url(late) in overdue, url(on_time) in overdue) == (True, False)
    assert url(closed) in everything
    assert everything.count('class="overdue"') == 1
    assert EMAIL not in body + everything


def test_pause_then_resume(person: User) -> None:
    client, _ = agent()
    request = rights_request_make(person)

    assert (
        client.post(url(request), {"action": "pause", "pause_reason": "identity"}).status_code
        == 302
    )
    request.refresh_from_db()
    assert (request.paused_since, request.pause_reason) == (clock.today_in_london(), "identity")
    assert client.post(url(request), {"action": "resume"}).status_code == 302
    request.refresh_from_db()
    assert request.paused_since is None
    assert AuditEvent.objects.filter(event="privacy:rights-request:pause").count() == 1
    assert AuditEvent.objects.filter(event="privacy:rights-request:resume").count() == 1


def test_extend_records_the_months_and_the_reason(person: User) -> None:
    client, _ = agent()
    request = rights_request_make(person)
    due = request.due_on

    response = client.post(
        url(request), {"action": "extend", "months": "2", "extension_reason": "Many systems."}
    )

    assert response.status_code == 302
    request.refresh_from_db()
    assert (request.extension_months, request.extension_reason) == (2, "Many systems.")
    assert due is not None
    assert request.due_on is not None
    assert request.due_on > due


def test_complete_closes_the_request(person: User) -> None:
    client, _ = agent()
    request = rights_request_make(person)

    assert client.post(url(request), {"action": "complete"}).status_code == 302
    request.refresh_from_db()
    assert request.status == RightsRequestStatus.CLOSED


def test_the_access_export_records_the_systems_searched(person: User) -> None:
    client, _ = agent()
    request = rights_request_make(person)

    response = client.post(url(request), {"action": "export", "email": EMAIL})

    assert response.status_code == 302
    request.refresh_from_db()
    assert request.categories_searched
    assert request.status == RightsRequestStatus.IN_PROGRESS


def test_the_erasure_runs_for_the_right_person(person: User) -> None:
    client, _ = agent()
    request = rights_request_make(person, RightsRequestKind.ERASURE)

    response = client.post(url(request), {"action": "erase", "email": EMAIL})

    assert response.status_code == 302
    request.refresh_from_db()
    assert request.erasure_summary
    assert AuditEvent.objects.filter(event="privacy:erasure:run").count() == 1


@pytest.mark.parametrize(
    ("kind", "setup", "post", "message"),
    [
        (RightsRequestKind.ACCESS, None, {"action": "shout"}, "Select a valid choice"),
        (RightsRequestKind.ACCESS, None, {"action": "pause"}, "Choose why the clock stops"),
        (
            RightsRequestKind.ACCESS,
            None,
            {"action": "pause", "pause_reason": "bored"},
            "Select a valid choice",
        ),
        (RightsRequestKind.ACCESS, None, {"action": "resume"}, "The clock is not stopped"),
        (
            RightsRequestKind.ACCESS,
            {"action": "pause", "pause_reason": "clarification"},
            {"action": "pause", "pause_reason": "identity"},
            "already stopped",
        ),
        (
            RightsRequestKind.ACCESS,
            None,
            {"action": "extend", "months": "2", "extension_reason": "  "},
            "Give the reason",
        ),
        (
            RightsRequestKind.ACCESS,
            None,
            {"action": "extend", "months": "3", "extension_reason": "Complex."},
            "Select a valid choice",
        ),
        (
            RightsRequestKind.ACCESS,
            {"action": "extend", "months": "1", "extension_reason": "Complex."},
            {"action": "extend", "months": "1", "extension_reason": "Again."},
            "already been extended",
        ),
        (
            RightsRequestKind.ACCESS,
            {"action": "complete"},
            {"action": "complete"},
            "This request is closed",
        ),
        (RightsRequestKind.ACCESS, None, {"action": "export"}, "Enter the person"),
        (
            RightsRequestKind.ACCESS,
            None,
            {"action": "export", "email": "not-an-address"},
            "valid email",
        ),
        (
            RightsRequestKind.ACCESS,
            None,
            {"action": "export", "email": "someone.else@example.com"},
            "not the person who made this request",
        ),
        (
            RightsRequestKind.ERASURE,
            None,
            {"action": "export", "email": EMAIL},
            "Only an access request",
        ),
        (
            RightsRequestKind.ACCESS,
            None,
            {"action": "erase", "email": EMAIL},
            "Only an erasure request",
        ),
        (
            RightsRequestKind.ERASURE,
            None,
            {"action": "erase", "email": "someone.else@example.com"},
            "not the person who made this request",
        ),
    ],
)
def test_bad_input_is_refused_with_the_form_and_changes_nothing(
    person: User,
    kind: RightsRequestKind,
    setup: dict[str, str] | None,
    post: dict[str, str],
    message: str,
) -> None:
    client, _ = agent()
    request = rights_request_make(person, kind)
    if setup:
        assert client.post(url(request), setup).status_code == 302
    before = state(request)
    events = AuditEvent.objects.count()

    response = client.post(url(request), post)

    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page
    assert message in page
    assert state(request) == before
    assert AuditEvent.objects.count() == events


def test_html_in_the_extension_reason_is_escaped(person: User) -> None:
    client, _ = agent()
    request = rights_request_make(person)
    client.post(url(request), {"action": "extend", "months": "1", "extension_reason": "<b>x</b>"})

    page = client.get(url(request)).content.decode()

    assert "&lt;b&gt;x&lt;/b&gt;" in page
    assert "<b>x</b>" not in page
