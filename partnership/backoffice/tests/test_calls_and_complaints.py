"""The call log (P14) and the complaints queue with its 30-day acknowledgement clock."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from partnership.accounts.tests.support import customer_make, sign_in, staff_make
from partnership.audit.models import AuditEvent
from partnership.backoffice import access
from partnership.backoffice.models import CallRecord
from partnership.backoffice.tests.support import agent, complaint_make, grant_make
from partnership.compliance.complaints.models import Complaint, ComplaintStatus
from partnership.core import clock
from partnership.privacy.export import subject_access_collect
from partnership.privacy.subjects import data_subject_resolve

pytestmark = pytest.mark.django_db

CALL = {
    "occurred_at": "2026-11-20T10:15",
    "direction": "in",
    "reason": "card_payment",
    "recorded": "on",
    "recording_reference": "REC-42",
    "card_payment": "on",
    "recording_paused_for_security_code": "on",
    "notes": "Paid £50.",
}


def test_an_agent_with_a_grant_records_a_call_and_it_is_in_the_export() -> None:
    client, staff = agent()
    customer = customer_make("ada.test@example.com")
    grant = grant_make(staff=staff, customer=customer)

    response = client.post(f"/staff/customers/{customer.pk}/calls/new/", CALL)

    assert response.status_code == 302
    call = CallRecord.objects.get()
    assert (call.customer_id, call.staff_id, call.grant_id, call.notes) == (
        customer.pk,
        staff.pk,
        grant.pk,
        "Paid £50.",
    )
    assert (call.recorded, call.card_payment, call.recording_paused_for_security_code) == (
        True,
        True,
        True,
    )
    event = AuditEvent.objects.get(event="staff:call:record")
    assert event.data == {
        "call_id": str(call.pk),
        "grant_id": str(grant.pk),
        "recorded": True,
        "card_payment": True,
    }
    export = subject_access_collect(subject=data_subject_resolve(email="ada.test@example.com"))
    [exported] = export["call_records"]
    assert (exported["recording_reference"], exported["notes"]) == ("REC-42", "Paid £50.")


def test_without_a_grant_the_call_form_asks_for_a_reason_and_records_nothing() -> None:
    client, _ = agent()
    customer = customer_make("ada.test@example.com")

    response = client.post(f"/staff/customers/{customer.pk}/calls/new/", CALL)

    assert "Why do you need this customer" in response.content.decode()
    assert CallRecord.objects.count() == 0


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"recording_paused_for_security_code": ""}, "needs recording paused"),
        ({"recorded": "", "recording_paused_for_security_code": ""}, "needs recording paused"),
        ({"recording_reference": ""}, "Give the recording"),
        ({"occurred_at": ""}, "This field is required."),
        ({"occurred_at": "yesterday"}, "Enter a valid date/time."),
        ({"direction": "sideways"}, "Select a valid choice."),
        ({"notes": "x" * 4001}, "at most 4000 characters"),
        ({"notes": "nul\x00here"}, "control characters"),
        ({"notes": "bad \ufffd bytes"}, "not UTF-8"),
        ({"recording_reference": "<script>alert(1)</script>"}, "letters, digits and hyphens"),
    ],
)
def test_a_bad_call_record_is_refused_and_leaves_nothing(
    overrides: dict[str, str], message: str
) -> None:
    client, staff = agent()
    customer = customer_make("ada.test@example.com")
    grant_make(staff=staff, customer=customer)

    response = client.post(f"/staff/customers/{customer.pk}/calls/new/", {**CALL, **overrides})

    assert response.status_code == 400
    assert message in response.content.decode()
    assert CallRecord.objects.count() == 0
    assert AuditEvent.objects.filter(event="staff:call:record").count() == 0


def test_html_in_call_notes_is_escaped_on_the_customer_page() -> None:
    client, staff = agent()
    customer = customer_make("ada.test@example.com")
    grant_make(staff=staff, customer=customer)

    client.post(f"/staff/customers/{customer.pk}/calls/new/", {**CALL, "notes": "<b>hi</b>"})
    page = client.get(f"/staff/customers/{customer.pk}/").content.decode()

    assert "&lt;b&gt;hi&lt;/b&gt;" in page
    assert "<b>hi</b>" not in page


def test_complaints_queue_flags_only_unacknowledged_complaints_past_their_date(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    received = dt.datetime(2026, 10, 1, 12, tzinfo=dt.UTC)
    monkeypatch.setattr(clock, "now", lambda: received)
    late = complaint_make("late.test@example.com")
    answered = complaint_make("answered.test@example.com")
    Complaint.objects.filter(pk=answered.pk).update(
        status=ComplaintStatus.ACKNOWLEDGED, acknowledged_at=received
    )
    monkeypatch.setattr(clock, "now", lambda: received + dt.timedelta(days=31))
    fresh = complaint_make("fresh.test@example.com")
    client, _ = agent("agent.later@example.com")  # signed in at the later time

    body = client.get("/staff/complaints/").content.decode()

    assert late.acknowledge_by == dt.date(2026, 10, 31)
    rows = {c.reference: c for c in (late, answered, fresh)}
    assert body.count("Overdue") == 1
    late_row = body.split(rows[late.reference].reference)[1].split("</tr>")[0]
    assert "Overdue" in late_row
    assert "late.test@example.com" not in body  # the queue shows no personal data


def test_acknowledge_then_close_is_audited_and_closing_first_is_refused() -> None:
    client, staff = agent()
    complaint = complaint_make()

    close = {"action": "close", "outcome": "upheld", "steps_taken": "Read the call notes."}
    refused = client.post(f"/staff/complaints/{complaint.pk}/", close)
    acknowledged = client.post(f"/staff/complaints/{complaint.pk}/", {"action": "acknowledge"})
    closed = client.post(f"/staff/complaints/{complaint.pk}/", close)
    bad = client.post(f"/staff/complaints/{complaint.pk}/", {"action": "<script>"})

    assert (refused.status_code, acknowledged.status_code, closed.status_code) == (409, 302, 302)
    assert bad.status_code == 400
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.CLOSED
    assert [
        (e.event, e.actor_id)
        for e in AuditEvent.objects.filter(event__startswith="staff:complaint").order_by("sequence")
    ] == [
        ("staff:complaint:acknowledge", str(staff.pk)),
        ("staff:complaint:close", str(staff.pk)),
    ]


def test_opening_a_complaint_is_audited_with_its_purpose() -> None:
    client, staff = agent()
    complaint = complaint_make()

    body = client.get(f"/staff/complaints/{complaint.pk}/").content.decode()

    assert "complainer.test@example.com" in body
    event = AuditEvent.objects.get(event="staff:complaint:view")
    assert (event.actor_id, event.subject_id, event.reason) == (
        str(staff.pk),
        str(complaint.pk),
        "complaint_handling",
    )


def test_marketing_staff_cannot_see_complaints() -> None:
    client = Client()
    sign_in(client, staff_make("m.test@example.com", group=access.MARKETING))
    complaint = complaint_make()

    assert client.get(f"/staff/complaints/{complaint.pk}/").status_code == 403
    assert AuditEvent.objects.filter(event="staff:complaint:view").count() == 0
