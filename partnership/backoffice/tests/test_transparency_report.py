"""The public transparency report: counts from the tables, small numbers withheld, frozen."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, transaction
from django.test import Client
from pytest_django import Settings

from partnership.accounts.tests.support import customer_make, staff_make
from partnership.audit.events import AuditEventType
from partnership.audit.models import AuditEvent
from partnership.audit.services import Actor, audit_record
from partnership.backoffice.tests.breach_support import breach_input, breach_make
from partnership.backoffice.tests.marketing_support import export_make
from partnership.backoffice.tests.support import complaint_make, rights_request_make
from partnership.compliance.breaches.models import IcoStatus
from partnership.compliance.breaches.services import breach_revise
from partnership.compliance.complaints.models import Complaint
from partnership.compliance.rights.models import RightsRequest, RightsRequestKind
from partnership.compliance.transparency.models import TransparencyReport
from partnership.compliance.transparency.quarters import quarter_parse
from partnership.core import clock

pytestmark = pytest.mark.django_db

IN_Q3 = dt.datetime(2026, 8, 14, 10, 0, tzinfo=dt.UTC)
AFTER = dt.datetime(2026, 10, 5, 9, 0, tzinfo=dt.UTC)
Q3_START = dt.datetime(2026, 6, 30, 23, 0, tzinfo=dt.UTC)  # 1 July, London midnight
Q3_END = dt.datetime(2026, 9, 30, 23, 0, tzinfo=dt.UTC)


class Clock:
    def __init__(self) -> None:
        self.current = IN_Q3

    def now(self) -> dt.datetime:
        return self.current


@pytest.fixture
def moving_clock(monkeypatch: pytest.MonkeyPatch, settings: Settings) -> Clock:
    settings.STATS_SUPPRESSION_THRESHOLD = 3
    frozen = Clock()
    monkeypatch.setattr(clock, "now", frozen.now)
    return frozen


def _seed(frozen: Clock) -> None:
    kinds = [RightsRequestKind.ACCESS] * 5 + [RightsRequestKind.RECTIFICATION] * 3
    kinds.append(RightsRequestKind.ERASURE)
    requests = [
        rights_request_make(customer_make(f"c{n}.test@example.com"), kind)
        for n, kind in enumerate(kinds)
    ]
    # Three answered in the quarter: two by their due date, one after it.
    for request, closed_on, due in zip(
        requests, ["2026-08-20", "2026-08-21", "2026-09-15"], ["2026-09-01"] * 3, strict=False
    ):
        RightsRequest.objects.filter(pk=request.pk).update(
            closed_at=dt.datetime.fromisoformat(closed_on + "T12:00+00:00"),
            due_on=dt.date.fromisoformat(due),
            status="closed",
        )
    complaints = [complaint_make() for _ in range(3)]
    Complaint.objects.filter(pk=complaints[0].pk).update(closed_at=IN_Q3, status="closed")
    for reason, times in (("customer_call", 5), ("complaint", 4), ("fraud_check", 1)):
        for _ in range(times):
            audit_record(
                event=AuditEventType.STAFF_ACCESS_GRANT,
                actor=Actor.staff("s1"),
                subject_type="customer",
                subject_id="c",
                reason=reason,
            )
    found = IN_Q3 - dt.timedelta(hours=1)
    breach = breach_make(found_at=found, occurred_at=found - dt.timedelta(hours=1))
    breach_revise(
        breach=breach,
        data=breach_input(
            found_at=found,
            occurred_at=found - dt.timedelta(hours=1),
            ico_status=IcoStatus.REPORTED,
            ico_reported_at=IN_Q3,
        ),
        staff_id="officer",
    )
    frozen.current = dt.datetime(2026, 10, 2, 9, 0, tzinfo=dt.UTC)  # Q4: not counted
    rights_request_make(customer_make("late.test@example.com"))
    export_make(staff_user=staff_make("maker.test@example.com"))
    frozen.current = AFTER


def test_the_published_figures_equal_the_tables_with_small_numbers_withheld(
    moving_clock: Clock,
) -> None:
    _seed(moving_clock)
    call_command("transparency_publish", "--quarter", "2026Q3")
    report = TransparencyReport.objects.get()
    in_q3 = RightsRequest.objects.filter(received_at__gte=Q3_START, received_at__lt=Q3_END)
    assert in_q3.filter(kind="access").count() == 5
    assert in_q3.count() == 9
    assert Complaint.objects.filter(received_at__gte=Q3_START, received_at__lt=Q3_END).count() == 3
    assert report.threshold == 3
    assert report.figures == {
        "rights_requests": {
            "by_kind": {
                "access": 5,
                "rectification": None,  # 3, withheld beside the small ones (secondary)
                "erasure": None,
                "restriction": None,
                "objection": None,
                "automated_decision_review": None,
            },
            "received": 9,
            "closed": 3,
            "answered_in_time_percent": 67,
        },
        "complaints": {"received": 3, "resolved": None},
        "staff_access": {
            "by_reason": {"complaint": None, "customer_call": 5, "fraud_check": None},
            "total": 10,
        },
        "breaches_reported_to_ico": None,
        "marketing_exports": None,
    }
    [event] = AuditEvent.objects.filter(event="privacy:transparency:publish")
    assert (event.subject_id, event.data) == ("2026Q3", {})


def test_a_quarter_is_published_once_and_never_changes(
    moving_clock: Clock, protected_tables_enforced: None
) -> None:
    moving_clock.current = AFTER
    call_command("transparency_publish", "--quarter", "2026Q3")
    with pytest.raises(CommandError, match=r"2026Q3 is already published\."):
        call_command("transparency_publish", "--quarter", "2026Q3")
    with pytest.raises(CommandError, match=r"2026Q4 is not over yet\."):
        call_command("transparency_publish", "--quarter", "2026Q4")
    with pytest.raises(CommandError, match="YYYYQn"):
        call_command("transparency_publish", "--quarter", "2026-3")
    with pytest.raises(DatabaseError), transaction.atomic():
        TransparencyReport.objects.update(figures={})
    assert TransparencyReport.objects.count() == 1


def test_the_public_pages_list_and_show_a_quarter_and_refuse_malformed_ones(
    moving_clock: Clock,
) -> None:
    _seed(moving_clock)
    call_command("transparency_publish", "--quarter", "2026Q3")
    client = Client()
    listing = client.get("/privacy/transparency/")
    assert listing.status_code == 200
    assert 'href="/privacy/transparency/2026q3/"' in listing.content.decode()
    page = client.get("/privacy/transparency/2026q3/")
    assert page.status_code == 200
    body = page.content.decode()
    assert '<tr><th scope="row">All requests</th><td>9</td></tr>' in body
    assert "answered within the time the law allows: 67%" in body
    assert 'href="/privacy/transparency/"' in client.get("/legal/").content.decode()
    for bad in ("2026q5", "2026Q3", "20263", "2026q4", "%00", "9999q1x"):
        assert client.get(f"/privacy/transparency/{bad}/").status_code == 404, bad


def test_quarters_parse_only_their_own_form() -> None:
    quarter = quarter_parse("2026q4")
    assert quarter is not None
    assert (quarter.starts_on, quarter.ends_on) == (dt.date(2026, 10, 1), dt.date(2026, 12, 31))
    assert [quarter_parse(v) for v in ("2026Q0", "26Q1", "2026Q1 ", "")] == [None] * 4
