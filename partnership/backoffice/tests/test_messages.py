"""/staff/messages/: agents answer secure messages under a live access grant."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.test import Client

from partnership.accounts.models import User
from partnership.accounts.tests.support import customer_make, sign_in, staff_make
from partnership.audit.models import AuditEvent
from partnership.backoffice import access
from partnership.backoffice.models import AccessGrant
from partnership.backoffice.tests.support import agent, grant_make
from partnership.core.tests.email_support import assert_no_personal_data, html_part
from partnership.inbox.models import Attachment, Thread
from partnership.inbox.tests.support import PDF, thread_make

pytestmark = pytest.mark.django_db


@pytest.fixture
def customer() -> User:
    return customer_make("asker.test@example.com")


@pytest.fixture
def thread(customer: User) -> Thread:
    return thread_make(customer, body="My card was swallowed by a cash machine.")


def test_the_queue_shows_waiting_threads_without_personal_data(
    thread: Thread, customer: User
) -> None:
    client, _ = agent()

    response = client.get("/staff/messages/")

    text = response.content.decode()
    assert response.status_code == 200
    assert thread.reference in text
    assert "My card" in text  # the topic's label
    assert "swallowed" not in text
    assert "Ada Testperson" not in text
    assert customer.email not in text


def test_without_a_grant_the_thread_is_the_reason_form(thread: Thread) -> None:
    client, _ = agent()

    response = client.get(f"/staff/messages/{thread.pk}/")

    text = response.content.decode()
    assert response.status_code == 200
    assert "Why do you need this customer" in text
    assert f'action="/staff/messages/{thread.pk}/"' in text
    assert "swallowed" not in text


def test_a_reply_without_a_grant_is_refused_audited_and_not_stored(thread: Thread) -> None:
    client, staff = agent()

    response = client.post(f"/staff/messages/{thread.pk}/", {"body": "Here is your answer."})

    assert response.status_code == 403
    assert thread.messages.count() == 1
    assert len(mail.outbox) == 0
    event = AuditEvent.objects.get(event="inbox:agent:refused")
    assert (event.actor_id, event.subject_id, event.reason) == (
        str(staff.pk),
        str(thread.pk),
        "no_access_grant",
    )
    assert event.data == {"thread_id": str(thread.pk), "action": "reply"}


def test_an_attachment_without_a_grant_is_refused_and_audited(thread: Thread) -> None:
    client, _ = agent()
    attachment = Attachment.objects.get()

    response = client.get(f"/staff/messages/attachments/{attachment.pk}/")

    assert response.status_code == 403
    assert PDF not in response.content
    event = AuditEvent.objects.get(event="inbox:agent:refused")
    assert event.data == {"thread_id": str(thread.pk), "action": "attachment"}


def test_the_reason_form_on_the_thread_opens_it(thread: Thread, customer: User) -> None:
    client, staff = agent()

    response = client.post(
        f"/staff/messages/{thread.pk}/",
        {"reason_category": "customer_call", "reason_text": "Customer asked about it."},
    )

    assert response.status_code == 302
    assert response["Location"] == f"/staff/messages/{thread.pk}/"
    assert AccessGrant.objects.filter(staff=staff, customer=customer).count() == 1
    page = client.get(f"/staff/messages/{thread.pk}/")
    assert "swallowed by a cash machine" in page.content.decode()
    view = AuditEvent.objects.filter(event="staff:customer:view").get()
    assert view.data["page"] == "messages"


def test_an_invalid_reason_is_a_400_and_opens_nothing(thread: Thread) -> None:
    client, _ = agent()

    response = client.post(f"/staff/messages/{thread.pk}/", {"reason_category": "nonsense"})

    assert response.status_code == 400
    assert not AccessGrant.objects.exists()


def test_an_agent_with_a_grant_replies_and_the_customer_is_told_without_content(
    thread: Thread, customer: User, django_capture_on_commit_callbacks: Any
) -> None:
    client, staff = agent()
    grant = grant_make(staff=staff, customer=customer)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/staff/messages/{thread.pk}/",
            {"body": "We have ordered you a new card.", "close": "on"},
        )

    assert response.status_code == 302
    thread.refresh_from_db()
    assert (thread.customer_unread, thread.awaiting_reply, thread.status) == (True, False, "closed")
    reply = thread.messages.order_by("sent_at").last()
    assert reply is not None
    assert (reply.author, reply.staff_id, reply.body) == (
        "staff",
        staff.pk,
        "We have ordered you a new card.",
    )
    (sent,) = mail.outbox
    assert sent.to == [customer.email]
    assert "new message" in sent.subject
    assert "http://testserver/account/messages/" in sent.body
    assert sent.body == (
        "Hello,\n\nYou have a new message from Harbourline Partnership Card customer service. "
        "Sign in to read it:\n\nhttp://testserver/account/messages/\n\nFor your security we "
        "never put the message itself in an e-mail. If you were not\nexpecting this, you can "
        "sign in from our website rather than using the link.\n\nHarbourline Partnership Card\n"
    )
    html = html_part(sent, site_url="http://testserver")
    assert 'href="http://testserver/account/messages/"' in html
    for secret in ("new card", "swallowed", "My card", "Ada", str(thread.pk)):
        assert secret not in f"{sent.subject} {sent.body} {html}"
    assert_no_personal_data(sent, html)
    event = AuditEvent.objects.get(event="inbox:agent:reply")
    assert event.data == {
        "message_id": str(reply.pk),
        "grant_id": str(grant.pk),
        "customer_id": str(customer.pk),
        "closed": True,
    }


def test_an_empty_reply_is_a_400_and_nothing_is_sent(thread: Thread, customer: User) -> None:
    client, staff = agent()
    grant_make(staff=staff, customer=customer)

    response = client.post(f"/staff/messages/{thread.pk}/", {"body": ""})

    assert response.status_code == 400
    assert thread.messages.count() == 1
    assert len(mail.outbox) == 0


def test_an_agent_with_a_grant_downloads_the_attachment(thread: Thread, customer: User) -> None:
    client, staff = agent()
    grant = grant_make(staff=staff, customer=customer)
    attachment = Attachment.objects.get()

    response = client.get(f"/staff/messages/attachments/{attachment.pk}/")

    assert response.status_code == 200
    assert response.content == PDF
    assert response["Content-Disposition"] == 'attachment; filename="photo-of-card.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    event = AuditEvent.objects.get(event="inbox:attachment:download")
    assert event.data["grant_id"] == str(grant.pk)


def test_a_grant_for_another_customer_does_not_open_this_thread(thread: Thread) -> None:
    client, staff = agent()
    grant_make(staff=staff, customer=customer_make("unrelated.test@example.com"))

    response = client.post(f"/staff/messages/{thread.pk}/", {"body": "Hello"})

    assert response.status_code == 403
    assert thread.messages.count() == 1


def test_marketing_staff_cannot_open_the_queue(thread: Thread) -> None:
    client = Client()
    sign_in(client, staff_make("marketer.test@example.com", group=access.MARKETING))

    assert client.get("/staff/messages/").status_code == 403
    assert client.get(f"/staff/messages/{thread.pk}/").status_code == 403


def test_a_missing_thread_is_not_found() -> None:
    client, _ = agent()

    assert client.get("/staff/messages/00000000-0000-0000-0000-000000000000/").status_code == 404


def test_the_customers_conversations_need_a_grant_and_list_every_thread(
    thread: Thread, customer: User
) -> None:
    client, staff = agent()
    path = f"/staff/customers/{customer.pk}/messages/"

    without = client.get(path)
    grant_make(staff=staff, customer=customer)
    Thread.objects.filter(pk=thread.pk).update(awaiting_reply=False, status="closed")
    found = client.get(path)

    assert "Why do you need this customer" in without.content.decode()
    assert thread.reference not in without.content.decode()
    assert found.status_code == 200
    assert f'href="/staff/messages/{thread.pk}/"' in found.content.decode()
    assert "Closed" in found.content.decode()
