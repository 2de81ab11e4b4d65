"""Writes of the secure messages: keyword-only, atomic, audited (ids and enums only)."""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction

from partnership.audit.events import AuditEventType
from partnership.audit.services import Actor, audit_record
from partnership.core import clock
from partnership.core.mail import email_send
from partnership.inbox.models import (
    Attachment,
    AttachmentType,
    Author,
    Message,
    Thread,
    ThreadStatus,
    Topic,
)

logger = logging.getLogger(__name__)

SUBJECT_TYPE = "message-thread"
INBOX_PATH = "/account/messages/"


@dataclass(frozen=True)
class AttachmentInput:
    filename: str
    content: bytes
    content_type: AttachmentType


def _message_add(
    *, thread: Thread, author: Author, body: str, staff_id: uuid.UUID | None = None
) -> Message:
    message = Message(
        thread=thread, author=author, staff_id=staff_id, body=body, sent_at=clock.now()
    )
    message.full_clean(exclude=["thread", "staff"])
    message.save()
    return message


def _attachment_add(*, message: Message, attachment: AttachmentInput) -> Attachment:
    stored = Attachment(
        message=message,
        filename=attachment.filename,
        content_type=attachment.content_type,
        size=len(attachment.content),
        content=attachment.content,
    )
    stored.full_clean(exclude=["message", "content"])
    stored.save()
    return stored


@transaction.atomic
def thread_start(
    *,
    owner_id: uuid.UUID,
    topic: Topic,
    body: str,
    attachment: AttachmentInput | None = None,
) -> Thread:
    """A customer's new conversation: the thread, its first message, its attachment."""
    now = clock.now()
    thread = Thread.objects.create(
        owner_id=owner_id, topic=topic, created_at=now, last_message_at=now, awaiting_reply=True
    )
    message = _message_add(thread=thread, author=Author.CUSTOMER, body=body)
    data: dict[str, str | int | bool | None] = {
        "thread_id": str(thread.pk),
        "message_id": str(message.pk),
        "topic": str(topic),
        "attachment": attachment is not None,
    }
    if attachment is not None:
        stored = _attachment_add(message=message, attachment=attachment)
        data.update({"attachment_id": str(stored.pk), "attachment_type": stored.extension})
    audit_record(
        event=AuditEventType.INBOX_THREAD_START,
        actor=Actor.customer(owner_id),
        subject_type=SUBJECT_TYPE,
        subject_id=str(thread.pk),
        data=data,
    )
    return thread


@transaction.atomic
def customer_reply(*, thread: Thread, body: str) -> Message:
    """The customer writes again in their thread; a closed thread opens again."""
    thread = Thread.objects.select_for_update().get(pk=thread.pk)
    message = _message_add(thread=thread, author=Author.CUSTOMER, body=body)
    reopened = thread.status == ThreadStatus.CLOSED
    thread.status = ThreadStatus.OPEN
    thread.closed_at = None
    thread.awaiting_reply = True
    thread.last_message_at = message.sent_at
    thread.save(update_fields=["status", "closed_at", "awaiting_reply", "last_message_at"])
    audit_record(
        event=AuditEventType.INBOX_CUSTOMER_REPLY,
        actor=Actor.customer(thread.owner_id),
        subject_type=SUBJECT_TYPE,
        subject_id=str(thread.pk),
        data={"message_id": str(message.pk), "reopened": reopened},
    )
    return message


@transaction.atomic
def agent_reply(
    *, thread: Thread, staff_id: uuid.UUID, grant_id: object, body: str, close: bool, site_url: str
) -> Message:
    """An agent's answer under a live access grant; the customer is told by e-mail that a
    reply is waiting (the e-mail says nothing of the message)."""
    thread = Thread.objects.select_for_update().select_related("owner").get(pk=thread.pk)
    message = _message_add(thread=thread, author=Author.STAFF, body=body, staff_id=staff_id)
    thread.customer_unread = True
    thread.awaiting_reply = False
    thread.last_message_at = message.sent_at
    if close:
        thread.status = ThreadStatus.CLOSED
        thread.closed_at = message.sent_at
    thread.save(
        update_fields=[
            "customer_unread",
            "awaiting_reply",
            "last_message_at",
            "status",
            "closed_at",
        ]
    )
    audit_record(
        event=AuditEventType.INBOX_AGENT_REPLY,
        actor=Actor.staff(staff_id),
        subject_type=SUBJECT_TYPE,
        subject_id=str(thread.pk),
        data={
            "message_id": str(message.pk),
            "grant_id": str(grant_id),
            "customer_id": str(thread.owner_id),
            "closed": close,
        },
    )
    address = thread.owner.email
    if address:
        link = site_url.rstrip("/") + INBOX_PATH
        transaction.on_commit(
            lambda: reply_notice_send(address=address, link=link, site_url=site_url)
        )
    return message


def reply_notice_send(*, address: str, link: str, site_url: str = "") -> None:
    """ "You have a new message": the link and nothing else — no topic, no text."""
    try:
        email_send(
            template="inbox/email/reply_waiting",
            context={"link": link},
            subject=f"You have a new message from {settings.BRAND['card_name']}",
            to=[address],
            site_url=site_url,
        )
    except OSError:
        # The reply stands and shows as unread when the customer next signs in.
        logger.exception("new-message e-mail not sent")


def thread_mark_read(*, thread: Thread) -> None:
    """The customer opened the thread: its replies are read."""
    if thread.customer_unread:
        Thread.objects.filter(pk=thread.pk).update(customer_unread=False)
        thread.customer_unread = False


def agent_access_refused_record(*, staff_id: uuid.UUID, thread_id: uuid.UUID, action: str) -> None:
    """An agent tried to read an attachment or reply without a live grant: refused."""
    audit_record(
        event=AuditEventType.INBOX_AGENT_REFUSED,
        actor=Actor.staff(staff_id),
        subject_type=SUBJECT_TYPE,
        subject_id=str(thread_id),
        reason="no_access_grant",
        data={"thread_id": str(thread_id), "action": action},
    )


def attachment_download_record(
    *, attachment: Attachment, actor: Actor, grant_id: object = None
) -> None:
    data: dict[str, str | int | bool | None] = {
        "attachment_id": str(attachment.pk),
        "attachment_type": attachment.extension,
    }
    if grant_id is not None:
        data["grant_id"] = str(grant_id)
    audit_record(
        event=AuditEventType.INBOX_ATTACHMENT_DOWNLOAD,
        actor=actor,
        subject_type=SUBJECT_TYPE,
        subject_id=str(attachment.message.thread_id),
        data=data,
    )
