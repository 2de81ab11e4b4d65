"""A complaint's outcome, and the right to complain to the ICO at each step."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client

from partnership.audit.models import AuditEvent
from partnership.backoffice.tests.support import agent, complaint_make
from partnership.compliance.complaints.models import Complaint, ComplaintStatus
from partnership.core import clock
from partnership.core.tests.email_support import assert_no_personal_data, html_part

pytestmark = pytest.mark.django_db

ICO = "ico.org.uk or on 0303 123 1113"
ICO_TEXT = (
    "If you are unhappy with how we have used your personal information, you have the right "
    "to complain to the Information Commissioner's Office at ico.org.uk or on 0303 123 1113."
    "\n\nHarbourline Card Services Limited"
)


def test_acknowledgement_and_outcome_messages_state_the_right_to_complain_to_the_ico() -> None:
    client, staff = agent()
    complaint = complaint_make("carol.test@example.com")
    url = f"/staff/complaints/{complaint.pk}/"
    assert client.post(url, {"action": "acknowledge"}).status_code == 302
    response = client.post(
        url, {"action": "close", "outcome": "partly_upheld", "steps_taken": "Read the notes."}
    )
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert (complaint.status, complaint.outcome, complaint.steps_taken) == (
        ComplaintStatus.CLOSED,
        "partly_upheld",
        "Read the notes.",
    )
    assert complaint.outcome_at == complaint.closed_at
    ack, outcome = mail.outbox
    assert (ack.to, outcome.to) == (["carol.test@example.com"], ["carol.test@example.com"])
    assert ICO in ack.body
    assert ICO in outcome.body
    assert "partly upheld" in outcome.body
    assert "Read the notes." in outcome.body
    ref = complaint.reference
    assert complaint.outcome_at is not None
    decided = f"{complaint.outcome_at.astimezone(clock.LONDON):%d %B %Y}"
    assert ack.body == (
        f"We have received your complaint, reference {ref}, and are looking into it. We will "
        "send you our final response within 8 weeks of receiving it.\n\n" + ICO_TEXT
    )
    assert outcome.body == (
        f"Our decision on your complaint {ref}: partly upheld, on {decided}.\n\n"
        "What we did to look into it: Read the notes.\n\n"
        "If you are not happy with this response, you can refer your complaint to the "
        "Financial Ombudsman Service, free of charge, within 6 months.\n\n" + ICO_TEXT
    )
    for sent in (ack, outcome):
        html = html_part(sent, site_url="http://testserver")
        assert "Information Commissioner&#x27;s Office at ico.org.uk or on 0303 123 1113" in html
        assert "Carol" not in f"{sent.subject} {sent.body} {html}"
        assert_no_personal_data(sent, html)
    [closed] = AuditEvent.objects.filter(event="staff:complaint:close")
    assert (closed.actor_id, closed.data) == (str(staff.pk), {"outcome": "partly_upheld"})


def test_a_second_acknowledgement_is_refused_and_changes_nothing() -> None:
    client, _ = agent()
    complaint = complaint_make()
    url = f"/staff/complaints/{complaint.pk}/"
    client.post(url, {"action": "acknowledge"})
    first = Complaint.objects.get(pk=complaint.pk).acknowledged_at
    again = client.post(url, {"action": "acknowledge"})
    assert again.status_code == 409
    assert "Only a received complaint can be acknowledged." in again.content.decode()
    assert Complaint.objects.get(pk=complaint.pk).acknowledged_at == first
    assert AuditEvent.objects.filter(event="staff:complaint:acknowledge").count() == 1
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    "post",
    [
        {"action": "close", "outcome": "", "steps_taken": "Read the notes."},
        {"action": "close", "outcome": "upheld", "steps_taken": "  "},
        {"action": "close", "outcome": "sideways", "steps_taken": "Read the notes."},
    ],
)
def test_closing_without_an_outcome_or_steps_is_refused(post: dict[str, str]) -> None:
    client, _ = agent()
    complaint = complaint_make()
    url = f"/staff/complaints/{complaint.pk}/"
    client.post(url, {"action": "acknowledge"})
    assert client.post(url, post).status_code == 400
    complaint.refresh_from_db()
    assert (complaint.status, complaint.outcome, complaint.outcome_at) == (
        ComplaintStatus.ACKNOWLEDGED,
        "",
        None,
    )
    assert len(mail.outbox) == 1  # the acknowledgement only


def test_the_complainant_sees_the_ico_contact_on_the_form_and_after_sending() -> None:
    page = Client().get("/complaints/").content.decode()
    assert "ico.org.uk, 0303 123 1113" in page
