from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client

from partnership.accounts.models import User
from partnership.accounts.tests.support import sign_in
from partnership.audit.models import AuditEvent
from partnership.inbox.attachments import MAX_BYTES
from partnership.inbox.models import Attachment, Message, Thread
from partnership.inbox.tests.support import EXE, PDF, PNG, thread_make

NEW = "/account/messages/new/"


def _send(
    client: Client, *, body: str = "Please see the attached letter.", file: object = None
) -> Any:
    data: dict[str, object] = {"topic": "statement", "body": body}
    if file is not None:
        data["attachment"] = file
    return client.post(NEW, data)


def _nothing_stored() -> None:
    assert Thread.objects.count() == 0
    assert Message.objects.count() == 0
    assert Attachment.objects.count() == 0
    assert not AuditEvent.objects.filter(event="inbox:thread:start").exists()


def test_a_message_with_a_pdf_is_stored_encrypted_and_shown(
    client_of: Client, customer: User
) -> None:
    response = _send(client_of, file=SimpleUploadedFile("letter.pdf", PDF, "application/pdf"))

    thread = Thread.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/account/messages/{thread.pk}/"
    assert (thread.owner_id, thread.topic, thread.awaiting_reply) == (
        customer.pk,
        "statement",
        True,
    )
    message = thread.messages.get()
    assert message.body == "Please see the attached letter."
    attachment = Attachment.objects.get()
    assert (attachment.filename, attachment.content_type, attachment.size) == (
        "letter.pdf",
        "application/pdf",
        len(PDF),
    )
    assert attachment.content == PDF
    with connection.cursor() as cursor:
        cursor.execute("SELECT content, filename FROM inbox_attachment")
        content, filename = cursor.fetchone()
    assert "%PDF" not in content
    assert "letter" not in filename
    page = client_of.get(response["Location"])
    assert b"Please see the attached letter." in page.content
    assert f"/account/messages/attachments/{attachment.pk}/".encode() in page.content
    event = AuditEvent.objects.get(event="inbox:thread:start")
    assert event.data == {
        "thread_id": str(thread.pk),
        "message_id": str(message.pk),
        "topic": "statement",
        "attachment": True,
        "attachment_id": str(attachment.pk),
        "attachment_type": "pdf",
    }


def test_a_renamed_executable_is_refused_and_the_text_kept(client_of: Client) -> None:
    response = _send(
        client_of,
        body="My statement is wrong.",
        file=SimpleUploadedFile("statement.pdf", EXE, "application/pdf"),
    )

    assert response.status_code == 400
    text = response.content.decode()
    assert "none of those (whatever its name says)" in text
    assert "My statement is wrong." in text
    _nothing_stored()


def test_a_file_one_byte_over_5_mb_is_refused(client_of: Client) -> None:
    big = PDF[:-7] + b" " * (MAX_BYTES + 1 - len(PDF)) + PDF[-7:]
    assert len(big) == MAX_BYTES + 1

    response = _send(client_of, file=SimpleUploadedFile("big.pdf", big, "application/pdf"))

    assert response.status_code == 400
    assert "The file is larger than 5 MB." in response.content.decode()
    assert "Please see the attached letter." in response.content.decode()
    _nothing_stored()


def test_a_file_of_exactly_5_mb_is_accepted(client_of: Client) -> None:
    exact = PDF[:-7] + b" " * (MAX_BYTES - len(PDF)) + PDF[-7:]

    response = _send(client_of, file=SimpleUploadedFile("scan.pdf", exact, "text/plain"))

    assert response.status_code == 302
    assert Attachment.objects.get().size == MAX_BYTES


def test_empty_text_or_no_topic_is_refused(client_of: Client) -> None:
    response = client_of.post(NEW, {"topic": "", "body": "   "})

    assert response.status_code == 400
    text = response.content.decode()
    assert "Write your message." in text
    assert "Choose what your message is about." in text
    _nothing_stored()


def test_text_over_the_limit_and_control_characters_are_refused(client_of: Client) -> None:
    assert _send(client_of, body="x" * 4001).status_code == 400
    assert _send(client_of, body="bad\x00byte").status_code == 400
    _nothing_stored()


def test_an_empty_file_is_refused(client_of: Client) -> None:
    response = _send(client_of, file=SimpleUploadedFile("empty.png", b"", "image/png"))

    assert response.status_code == 400
    _nothing_stored()


def test_another_customers_thread_and_attachment_are_not_found(
    client_of: Client, other: User
) -> None:
    thread = thread_make(other)
    attachment = Attachment.objects.get()

    assert client_of.get(f"/account/messages/{thread.pk}/").status_code == 404
    assert client_of.post(f"/account/messages/{thread.pk}/", {"body": "Hi"}).status_code == 404
    assert client_of.get(f"/account/messages/attachments/{attachment.pk}/").status_code == 404
    assert thread.messages.count() == 1


def test_the_owner_downloads_the_attachment_as_verified(client_of: Client, customer: User) -> None:
    thread_make(customer)
    attachment = Attachment.objects.get()

    response = client_of.get(f"/account/messages/attachments/{attachment.pk}/")

    assert response.status_code == 200
    assert response.content == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="photo-of-card.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    event = AuditEvent.objects.get(event="inbox:attachment:download")
    assert event.data == {"attachment_id": str(attachment.pk), "attachment_type": "pdf"}


def test_a_png_is_served_as_png_whatever_its_name(client_of: Client) -> None:
    _send(client_of, file=SimpleUploadedFile("report.pdf", PNG, "application/pdf"))
    attachment = Attachment.objects.get()

    response = client_of.get(f"/account/messages/attachments/{attachment.pk}/")

    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == 'attachment; filename="report.png"'


def test_the_customer_replies_and_a_closed_thread_opens_again(
    client_of: Client, customer: User
) -> None:
    thread = thread_make(customer, with_attachment=False)
    Thread.objects.filter(pk=thread.pk).update(status="closed", awaiting_reply=False)

    response = client_of.post(f"/account/messages/{thread.pk}/", {"body": "One more thing."})

    assert response.status_code == 302
    thread.refresh_from_db()
    assert (thread.status, thread.closed_at, thread.awaiting_reply) == ("open", None, True)
    assert [m.body for m in thread.messages.order_by("sent_at")] == [
        "My card is bent.",
        "One more thing.",
    ]


def test_an_empty_reply_is_refused_and_nothing_added(client_of: Client, customer: User) -> None:
    thread = thread_make(customer, with_attachment=False)

    response = client_of.post(f"/account/messages/{thread.pk}/", {"body": ""})

    assert response.status_code == 400
    assert thread.messages.count() == 1


def test_the_unread_marker_shows_until_the_thread_is_opened(
    client_of: Client, customer: User
) -> None:
    thread = thread_make(customer, with_attachment=False)
    Thread.objects.filter(pk=thread.pk).update(customer_unread=True)

    assert b"New reply" in client_of.get("/account/messages/").content
    assert b"You have 1 new reply." in client_of.get("/account/").content
    client_of.get(f"/account/messages/{thread.pk}/")

    assert b"New reply" not in client_of.get("/account/messages/").content
    assert Thread.objects.get().customer_unread is False


def test_staff_have_no_customer_inbox(db: None) -> None:
    from partnership.accounts.tests.support import staff_make

    client = Client()
    sign_in(client, staff_make())
    assert client.post(NEW, {"topic": "card", "body": "x"}).status_code == 403
    _nothing_stored()
