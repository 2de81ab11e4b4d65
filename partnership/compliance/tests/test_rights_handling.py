from __future__ import annotations

import datetime as dt
import uuid

import pytest

from partnership.audit.models import AuditEvent
from partnership.audit.services import Actor
from partnership.compliance.rights.handling import (
    RightsRequestRefused,
    rights_request_complete,
    rights_request_extend,
    rights_request_is_overdue,
    rights_request_pause,
    rights_request_resume,
)
from partnership.compliance.rights.models import (
    PauseReason,
    RightsRequest,
    RightsRequestKind,
    RightsRequestStatus,
)
from partnership.compliance.rights.services import RightsRequestInput, rights_request_receive
from partnership.core import clock

pytestmark = pytest.mark.django_db
STAFF = Actor.staff(uuid.uuid4())
Moment = list[dt.datetime]


@pytest.fixture
def today(monkeypatch: pytest.MonkeyPatch) -> list[dt.datetime]:
    """Noon in London on the day given; change ``today[0]`` to move on."""
    moment = [dt.datetime(2025, 1, 31, 12, 0, tzinfo=dt.UTC)]
    monkeypatch.setattr(clock, "now", lambda: moment[0])
    return moment


def on(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, 12, 0, tzinfo=dt.UTC)


def received() -> RightsRequest:
    request, _ = rights_request_receive(
        data=RightsRequestInput(
            kind=RightsRequestKind.ACCESS, user_id=uuid.uuid4(), email="x@example.org"
        )
    )
    return request


def events(event: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(event=event))


def test_a_request_received_on_31_january_is_due_on_28_february(today: Moment) -> None:
    assert received().due_on == dt.date(2025, 2, 28)


def test_received_just_before_midnight_in_london_counts_that_london_day(today: Moment) -> None:
    today[0] = dt.datetime(2025, 6, 30, 23, 30, tzinfo=dt.UTC)  # 00:30 on 1 July, BST

    assert received().due_on == dt.date(2025, 8, 1)


def test_pause_then_resume_moves_the_due_date_by_the_paused_days(today: Moment) -> None:
    request = received()
    today[0] = on(dt.date(2025, 2, 3))
    rights_request_pause(request_id=request.pk, reason=PauseReason.IDENTITY, actor=STAFF)
    today[0] = on(dt.date(2025, 2, 10))

    resumed = rights_request_resume(request_id=request.pk, actor=STAFF)

    assert resumed.due_on == dt.date(2025, 3, 7)
    assert resumed.paused_since is None
    assert [(p.started_on, p.ended_on) for p in resumed.pauses.all()] == [
        (dt.date(2025, 2, 3), dt.date(2025, 2, 10))
    ]
    [paused] = events("privacy:rights-request:pause")
    assert (paused.subject_id, paused.reason) == (str(request.pk), "identity")
    assert events("privacy:rights-request:resume")[0].data["due_on"] == "2025-03-07"


def test_a_paused_request_is_never_overdue_and_cannot_be_paused_twice(today: Moment) -> None:
    request = received()
    rights_request_pause(request_id=request.pk, reason=PauseReason.CLARIFICATION, actor=STAFF)
    today[0] = on(dt.date(2025, 4, 1))
    request.refresh_from_db()

    assert rights_request_is_overdue(request=request, today=dt.date(2025, 4, 1)) is False
    with pytest.raises(RightsRequestRefused, match="already stopped"):
        rights_request_pause(request_id=request.pk, reason=PauseReason.IDENTITY, actor=STAFF)
    assert request.pauses.count() == 1
    assert len(events("privacy:rights-request:pause")) == 1


def test_resume_without_a_pause_is_refused_and_leaves_nothing(today: Moment) -> None:
    request = received()

    with pytest.raises(RightsRequestRefused, match="not stopped"):
        rights_request_resume(request_id=request.pk, actor=STAFF)
    assert events("privacy:rights-request:resume") == []


def test_extension_within_the_period_adds_months_once(today: Moment) -> None:
    request = received()
    today[0] = on(dt.date(2025, 2, 28))

    extended = rights_request_extend(
        request_id=request.pk, months=2, reason="Many linked requests", actor=STAFF
    )

    assert extended.due_on == dt.date(2025, 4, 30)
    assert RightsRequest.objects.get(pk=request.pk).extension_reason == "Many linked requests"
    assert events("privacy:rights-request:extend")[0].reason == "months-2"
    with pytest.raises(RightsRequestRefused, match="already been extended"):
        rights_request_extend(request_id=request.pk, months=1, reason="again", actor=STAFF)


@pytest.mark.parametrize(
    ("months", "reason", "when", "message"),
    [
        (3, "complex", dt.date(2025, 2, 1), "one or two"),
        (1, "  ", dt.date(2025, 2, 1), "reason"),
        (1, "complex", dt.date(2025, 3, 1), "original period has ended"),
    ],
)
def test_refused_extensions_leave_nothing_behind(
    today: Moment, months: int, reason: str, when: dt.date, message: str
) -> None:
    request = received()
    today[0] = on(when)

    with pytest.raises(RightsRequestRefused, match=message):
        rights_request_extend(request_id=request.pk, months=months, reason=reason, actor=STAFF)

    request.refresh_from_db()
    assert (request.extension_months, request.extension_reason) == (0, None)
    assert request.due_on == dt.date(2025, 2, 28)
    assert events("privacy:rights-request:extend") == []


def test_overdue_after_the_due_date_and_complete_records_it_was_late(today: Moment) -> None:
    request = received()
    today[0] = on(dt.date(2025, 3, 1))
    request.refresh_from_db()
    assert rights_request_is_overdue(request=request, today=dt.date(2025, 3, 1)) is True

    closed = rights_request_complete(request_id=request.pk, actor=STAFF)

    assert closed.status == RightsRequestStatus.CLOSED
    assert rights_request_is_overdue(request=closed, today=dt.date(2025, 3, 1)) is False
    assert events("privacy:rights-request:complete")[0].reason == "late"
    with pytest.raises(RightsRequestRefused, match="closed"):
        rights_request_pause(request_id=request.pk, reason=PauseReason.IDENTITY, actor=STAFF)
