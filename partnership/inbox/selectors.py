"""Reads of the secure messages. ``None`` means "not found, or not yours": the view 404s."""

from __future__ import annotations

import uuid
from typing import Any

from django.db.models import QuerySet

from partnership.inbox.models import Attachment, Message, Thread

QUEUE_SIZE = 100


def thread_list(*, owner_id: uuid.UUID) -> QuerySet[Thread]:
    return Thread.objects.filter(owner_id=owner_id).order_by("-last_message_at")


def unread_count(*, owner_id: uuid.UUID) -> int:
    return Thread.objects.filter(owner_id=owner_id, customer_unread=True).count()


def thread_get(*, thread_id: uuid.UUID, owner_id: uuid.UUID | None = None) -> Thread | None:
    """The thread; with ``owner_id``, only if it is that customer's."""
    found = Thread.objects.filter(pk=thread_id)
    if owner_id is not None:
        found = found.filter(owner_id=owner_id)
    return found.first()


def thread_messages(*, thread: Thread) -> list[Message]:
    """The thread's messages, oldest first, each with its attachment's details (the
    content is not loaded)."""
    messages = list(thread.messages.order_by("sent_at", "pk"))
    attachments = {
        row.message_id: row
        for row in Attachment.objects.filter(message__thread=thread).defer("content")
    }
    for message in messages:
        message.attached = attachments.get(message.pk)  # type: ignore[attr-defined]
    return messages


def attachment_get(
    *, attachment_id: uuid.UUID, owner_id: uuid.UUID | None = None
) -> Attachment | None:
    """The attachment with its content; with ``owner_id``, only if it is that customer's."""
    found = Attachment.objects.select_related("message__thread").filter(pk=attachment_id)
    if owner_id is not None:
        found = found.filter(message__thread__owner_id=owner_id)
    return found.first()


def agent_queue() -> list[dict[str, Any]]:
    """Threads waiting for an answer, oldest first: reference, topic and dates only (no
    name, no text), so the queue shows nothing personal before a grant is given."""
    rows = Thread.objects.filter(awaiting_reply=True).order_by("last_message_at")[:QUEUE_SIZE]
    return [
        {
            "id": thread.pk,
            "reference": thread.reference,
            "topic": thread.get_topic_display(),
            "last_message_at": thread.last_message_at,
            "created_at": thread.created_at,
        }
        for thread in rows.only("pk", "topic", "last_message_at", "created_at")
    ]
