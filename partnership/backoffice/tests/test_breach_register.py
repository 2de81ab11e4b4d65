"""The breach register: the 72-hour clock, append-only revisions, refused bad input."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.test import Client

from partnership.accounts.tests.support import sign_in, staff_make
from partnership.audit.models import AuditEvent
from partnership.backoffice import access
from partnership.backoffice.tests.breach_support import FOUND, breach_input, breach_make
from partnership.compliance import checks_selfaudit
from partnership.compliance.breaches import selectors, services
from partnership.compliance.breaches.models import Breach, BreachRevision, IcoStatus
from partnership.compliance.breaches.rules import ico_deadline, london_label
from partnership.compliance.dpia.models import Dpia
from partnership.core import clock

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 10, 25, 12, 0, tzinfo=dt.UTC)  # the morning after the clocks went back


@pytest.fixture(autouse=True)
def _now(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "now", lambda: NOW)


def officer_client() -> tuple[Client, str]:
    client = Client()
    officer = staff_make("officer.test@example.com", group=access.COMPLIANCE_OFFICER)
    sign_in(client, officer)
    return client, str(officer.pk)


def test_the_deadline_is_72_elapsed_hours_shown_in_london_time_across_the_clock_change() -> None:
    assert london_label(FOUND) == "24 October 2026, 12:00 BST"
    deadline = ico_deadline(FOUND)
    assert deadline == dt.datetime(2026, 10, 27, 11, 0, tzinfo=dt.UTC)
    assert london_label(deadline) == "27 October 2026, 11:00 GMT"


def test_a_recorded_breach_is_one_revision_audited_by_id_only() -> None:
    breach = breach_make(staff_id="officer-1")
    [revision] = BreachRevision.objects.filter(breach=breach)
    assert (revision.number, revision.recorded_by_id, revision.people_affected) == (
        1,
        "officer-1",
        12,
    )
    [event] = AuditEvent.objects.filter(subject_type="breach", subject_id=str(breach.pk))
    assert event.event == "staff:breach:record"
    assert event.data == {"revision": 1, "ico_status": "undecided", "people_decision": "undecided"}


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"found_at": NOW + dt.timedelta(minutes=1)}, "found_at"),
        ({"occurred_at": FOUND + dt.timedelta(hours=1)}, "found_at"),
        ({"data_categories": ["not_a_category"]}, "data_categories"),
        ({"data_categories": []}, "data_categories"),
        ({"ico_status": IcoStatus.NOT_REPORTED}, "not_reported_reason"),
        ({"ico_status": IcoStatus.REPORTED}, "ico_reported_at"),
        ({"people_decision": "do_not_tell"}, "people_decision_reason"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_stored(overrides: dict[str, Any], field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        breach_make(**overrides)
    assert list(caught.value.message_dict) == [field]
    assert (Breach.objects.count(), BreachRevision.objects.count(), AuditEvent.objects.count()) == (
        0,
        0,
        0,
    )


def test_a_late_report_needs_its_reason_and_the_revision_keeps_the_earlier_state() -> None:
    breach = breach_make()
    late = FOUND + dt.timedelta(hours=73)
    monkey_now = late + dt.timedelta(hours=1)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(clock, "now", lambda: monkey_now)
        with pytest.raises(ValidationError) as caught:
            services.breach_revise(
                breach=breach,
                data=breach_input(ico_status=IcoStatus.REPORTED, ico_reported_at=late),
                staff_id="officer",
            )
        assert list(caught.value.message_dict) == ["late_reason"]
        assert BreachRevision.objects.filter(breach=breach).count() == 1
        services.breach_revise(
            breach=breach,
            data=breach_input(
                ico_status=IcoStatus.REPORTED,
                ico_reported_at=late,
                late_reason="The scale was not known until the supplier replied.",
            ),
            staff_id="officer",
        )
    first, second = BreachRevision.objects.filter(breach=breach).order_by("number")
    assert (first.ico_status, second.ico_status, second.number) == ("undecided", "reported", 2)
    assert selectors.breach_current(breach=breach) == second
    events = AuditEvent.objects.filter(subject_id=str(breach.pk)).order_by("sequence")
    assert [(e.event, e.data) for e in events] == [
        (
            "staff:breach:record",
            {"revision": 1, "ico_status": "undecided", "people_decision": "undecided"},
        ),
        (
            "staff:breach:revise",
            {"revision": 2, "ico_status": "reported", "people_decision": "undecided"},
        ),
    ]


def test_revisions_are_write_once_in_the_database(protected_tables_enforced: None) -> None:
    breach = breach_make()
    with pytest.raises(DatabaseError), transaction.atomic():
        BreachRevision.objects.filter(breach=breach).update(people_affected=1)
    with pytest.raises(DatabaseError), transaction.atomic():
        BreachRevision.objects.filter(breach=breach).delete()
    assert BreachRevision.objects.get(breach=breach).people_affected == 12


def test_the_staff_home_shows_a_running_clock_until_reported() -> None:
    client, officer_id = officer_client()
    breach = breach_make()
    page = client.get("/staff/").content.decode()
    assert "report to the ICO by <strong>27 October 2026, 11:00 GMT</strong>" in page
    agent = staff_make("agent.test@example.com", group=access.CUSTOMER_SERVICE_AGENT)
    agent_client = Client()
    sign_in(agent_client, agent)
    assert "Breach clocks running" not in agent_client.get("/staff/").content.decode()
    services.breach_revise(
        breach=breach,
        data=breach_input(ico_status=IcoStatus.REPORTED, ico_reported_at=NOW),
        staff_id=officer_id,
    )
    assert "Breach clocks running" not in client.get("/staff/").content.decode()


def test_the_form_refuses_a_future_found_time_with_a_message_and_stores_nothing() -> None:
    client, _ = officer_client()
    response = client.post(
        "/staff/compliance/breaches/new/",
        {
            "title": "Lost laptop",
            "occurred_at": "2026-10-25 10:00",
            "found_at": "2026-10-26 10:00",
            "description": "An unencrypted laptop was left on a train.",
            "data_categories": ["complaints"],
            "people_affected": "3",
            "records_affected": "3",
            "consequences": "Little: the disk is encrypted.",
            "measures": "Remote wipe requested.",
            "ico_status": "undecided",
            "people_decision": "undecided",
        },
    )
    assert response.status_code == 400
    assert "The time the breach was found cannot be in the future." in response.content.decode()
    assert "Lost laptop" in response.content.decode()  # valid input kept
    assert Breach.objects.count() == 0


def test_the_form_records_a_breach_from_uk_times() -> None:
    client, _ = officer_client()
    response = client.post(
        "/staff/compliance/breaches/new/",
        {
            "title": "Lost laptop",
            "occurred_at": "2026-10-24 09:00",
            "found_at": "2026-10-24 12:00",
            "description": "A laptop was left on a train.",
            "data_categories": ["complaints"],
            "people_affected": "3",
            "records_affected": "3",
            "consequences": "Little: the disk is encrypted.",
            "measures": "Remote wipe requested.",
            "ico_status": "undecided",
            "people_decision": "undecided",
        },
    )
    breach = Breach.objects.get()
    assert response.status_code == 302
    assert selectors.breach_current(breach=breach).found_at == FOUND  # type: ignore[union-attr]
    page = client.get(f"/staff/compliance/breaches/{breach.pk}/").content.decode()
    assert "27 October 2026, 11:00 GMT" in page


def test_the_self_audit_fails_a_clock_past_its_deadline() -> None:
    breach = breach_make()
    assert checks_selfaudit.breach_clocks_in_time().passed
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(clock, "now", lambda: FOUND + dt.timedelta(hours=72, seconds=1))
        result = checks_selfaudit.breach_clocks_in_time()
    assert not result.passed
    assert breach.reference in result.evidence


def test_the_dpia_register_is_seeded_and_an_overdue_review_fails_the_self_audit() -> None:
    assert sorted(Dpia.objects.values_list("key", flat=True)) == [
        "credit-decision",
        "research-cookies",
    ]
    assert checks_selfaudit.dpia_reviews_in_time().passed
    Dpia.objects.filter(key="research-cookies").update(review_by=dt.date(2026, 10, 24))
    result = checks_selfaudit.dpia_reviews_in_time()
    assert (result.passed, result.evidence) == (
        False,
        "1 of 2 DPIA(s) past their review date: research-cookies",
    )
    client, _ = officer_client()
    assert "Review overdue" in client.get("/staff/compliance/dpia/").content.decode()
