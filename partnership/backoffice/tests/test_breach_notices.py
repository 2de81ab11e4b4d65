"""Telling the people affected by a breach: exactly the chosen customers, each audited."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.core import mail
from django.test import Client

from partnership.accounts.tests.support import customer_make, sign_in, staff_make
from partnership.audit.models import AuditEvent
from partnership.backoffice import access
from partnership.backoffice.services.grants import customer_view_record
from partnership.backoffice.tests.breach_support import breach_make
from partnership.backoffice.tests.support import grant_make
from partnership.compliance.breaches import personal_data, selectors, services
from partnership.compliance.breaches.models import Breach, BreachNotification
from partnership.core import clock
from partnership.core.mail import email_send as real_email_send
from partnership.core.mail import site_url_default
from partnership.core.tests.email_support import assert_no_personal_data, html_part
from partnership.privacy.subjects import DataSubject

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 10, 25, 12, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _now(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "now", lambda: NOW)


def _officer() -> tuple[Client, str]:
    client = Client()
    officer = staff_make("officer.test@example.com", group=access.COMPLIANCE_OFFICER)
    sign_in(client, officer)
    return client, str(officer.pk)


def _telling() -> Breach:
    return breach_make(people_decision="tell")


def test_the_notice_goes_to_exactly_the_chosen_customers_each_audited() -> None:
    client, officer_id = _officer()
    breach = _telling()
    ada = customer_make("ada.test@example.com")
    bob = customer_make("bob.test@example.com")
    customer_make("carol.test@example.com")  # not chosen: not told
    page = client.get(f"/staff/compliance/breaches/{breach.pk}/notify/").content.decode()
    assert "A mail-merge fault sent 12 statements to other customers." in page  # the draft
    assert "0303 123 1113" in page
    response = client.post(
        f"/staff/compliance/breaches/{breach.pk}/notify/",
        {
            "action": "send",
            "recipients": f"{ada.pk}\n{bob.pk}\n{ada.pk}",
            "subject": "About your statement",
            "message": "Edited by the officer.",
        },
    )
    assert response.status_code == 302
    assert len(mail.outbox) == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["ada.test@example.com", "bob.test@example.com"]
    assert {m.body for m in mail.outbox} == {"Edited by the officer."}
    rows = BreachNotification.objects.filter(breach=breach)
    assert sorted(str(r.recipient_id) for r in rows) == sorted([str(ada.pk), str(bob.pk)])
    events = AuditEvent.objects.filter(event="staff:breach:notify").order_by("sequence")
    assert [(e.actor_id, e.subject_id) for e in events] == [
        (officer_id, str(r.recipient_id)) for r in rows.order_by("recipient_id")
    ]
    assert all(set(e.data) == {"breach_id", "notification_id"} for e in events)


@pytest.mark.parametrize("who", ["staff", "unknown", "not-an-id", "nobody"])
def test_a_list_with_staff_or_unknown_people_is_refused_and_nothing_sent(who: str) -> None:
    client, _ = _officer()
    breach = _telling()
    ada = customer_make("ada.test@example.com")
    other = {
        "staff": str(staff_make("agent.test@example.com").pk),
        "unknown": str(uuid.uuid4()),
        "not-an-id": "ada.test@example.com",
        "nobody": "",
    }[who]
    recipients = other if who == "nobody" else f"{ada.pk}\n{other}"
    response = client.post(
        f"/staff/compliance/breaches/{breach.pk}/notify/",
        {"action": "send", "recipients": recipients or " ", "subject": "S", "message": "M"},
    )
    assert response.status_code == 400
    assert len(mail.outbox) == 0
    assert BreachNotification.objects.count() == 0
    assert AuditEvent.objects.filter(event="staff:breach:notify").count() == 0


def test_no_notice_before_the_decision_to_tell() -> None:
    breach = breach_make()
    ada = customer_make("ada.test@example.com")
    with pytest.raises(services.BreachRecipientError):
        services.breach_notify(
            breach=breach, recipient_ids=[str(ada.pk)], subject="S", message="M", staff_id="x"
        )
    assert (len(mail.outbox), BreachNotification.objects.count()) == (0, 0)


def test_the_people_are_found_from_the_staff_access_history() -> None:
    agent = staff_make("agent.test@example.com", group=access.CUSTOMER_SERVICE_AGENT)
    other_agent = staff_make("agent2.test@example.com", group=access.CUSTOMER_SERVICE_AGENT)
    ada, bob, carol = (customer_make(f"{n}.test@example.com") for n in ("ada", "bob", "carol"))
    for customer in (bob, ada, bob):
        customer_view_record(grant=grant_make(staff=agent, customer=customer), page="summary")
    customer_view_record(grant=grant_make(staff=other_agent, customer=carol), page="summary")
    found = selectors.customers_opened_by(
        staff_id=str(agent.pk), start=NOW - dt.timedelta(hours=1), end=NOW + dt.timedelta(hours=1)
    )
    assert found == [str(bob.pk), str(ada.pk)]
    assert (
        selectors.customers_opened_by(
            staff_id=str(agent.pk),
            start=NOW + dt.timedelta(seconds=1),
            end=NOW + dt.timedelta(hours=1),
        )
        == []
    )
    client, _ = _officer()
    breach = _telling()
    page = client.post(
        f"/staff/compliance/breaches/{breach.pk}/notify/",
        {
            "action": "find",
            "staff_email": "agent.test@example.com",
            "start": "2026-10-25 12:00",
            "end": "2026-10-25 14:00",
        },
    ).content.decode()
    assert "2 customer(s) opened by that account in the window." in page
    assert f"{bob.pk}\n{ada.pk}" in page


def test_a_notice_is_in_the_persons_export_and_goes_with_their_erasure() -> None:
    breach = _telling()
    ada = customer_make("ada.test@example.com")
    services.breach_notify(
        breach=breach, recipient_ids=[str(ada.pk)], subject="Subject", message="Body", staff_id="x"
    )
    subject = DataSubject(email="ada.test@example.com", user_id=ada.pk)
    assert personal_data.notification_export(subject) == [
        {
            "breach_reference": breach.reference,
            "sent_at": NOW,
            "subject": "Subject",
            "message": "Body",
        }
    ]
    outcome = personal_data.notification_erase(subject)
    assert (len(outcome.erased_ids), outcome.kept) == (1, ())
    assert BreachNotification.objects.count() == 0
    assert selectors.breach_get(breach_id=breach.pk) == breach  # the register keeps it


def test_the_notice_is_the_officer_s_words_in_both_parts_escaped_in_the_html() -> None:
    breach = _telling()
    ada = customer_make("ada.test@example.com")
    words = "We made a mistake.\n\nYour <b>statement</b> & letters went astray."

    services.breach_notify(
        breach=breach, recipient_ids=[str(ada.pk)], subject="About", message=words, staff_id="x"
    )

    [sent] = mail.outbox
    assert (sent.to, sent.subject, sent.body) == (["ada.test@example.com"], "About", words)
    html = html_part(sent, site_url=site_url_default())
    assert "<p>We made a mistake.</p>" in html
    assert "<p>Your &lt;b&gt;statement&lt;/b&gt; &amp; letters went astray.</p>" in html
    assert_no_personal_data(sent, html)


def test_a_mail_failure_keeps_the_record_of_exactly_those_told(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    breach = _telling()
    ada = customer_make("ada.test@example.com")
    bob = customer_make("bob.test@example.com")
    first = min(str(ada.pk), str(bob.pk))

    def flaky(**kwargs: object) -> None:
        if len(mail.outbox) == 1:
            raise OSError("connection refused")
        real_email_send(**kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(services, "email_send", flaky)
    with pytest.raises(services.BreachSendError) as caught:
        services.breach_notify(
            breach=breach,
            recipient_ids=[str(ada.pk), str(bob.pk)],
            subject="S",
            message="M",
            staff_id="x",
        )
    assert caught.value.told == 1
    assert len(mail.outbox) == 1
    assert [str(r.recipient_id) for r in BreachNotification.objects.all()] == [first]
    assert AuditEvent.objects.filter(event="staff:breach:notify").count() == 1
