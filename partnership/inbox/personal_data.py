"""What the data inventory and the retention engine know about secure messages.

Three categories, children first (``message_attachments``, ``messages``, then
``message_threads``), so erasure and retention report each row under its own category.
Kept while the conversation is open and for 2 years after it closes, then deleted:
long enough to answer a follow-up or a complaint about how a request was handled
(a complaint itself is kept by the complaints' own rule), short enough not to keep
a person's letters for the life of the account. How each is exported and erased:
``inbox/subject_data.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import models

from partnership.inbox.models import Attachment, Message, Thread, ThreadStatus
from partnership.inbox.subject_data import (
    RETENTION_PERIOD,
    attachment_export,
    attachment_files,
    erase_owned,
    message_export,
    thread_export,
)
from partnership.privacy import export, inventory, retention
from partnership.privacy.inventory import InventoryEntry, LawfulBasis, PersonalField

__all__ = ["ENTRIES", "RETENTION_PERIOD", "RULES", "register"]

_C = LawfulBasis.CONTRACT
_ANSWER = "To answer your message and keep the conversation."

_AFTER_CLOSE = (
    "while the conversation is open and for 2 years after it closes (to answer a "
    "follow-up or a complaint about how it was handled), then deleted"
)


def _closed(path: str, model: type[models.Model]) -> Callable[[], models.QuerySet[Any]]:
    def queryset() -> models.QuerySet[Any]:
        return model._default_manager.filter(
            **{f"{path}status": ThreadStatus.CLOSED, f"{path}closed_at__isnull": False}
        )

    return queryset


RULES = (
    retention.TableRule(
        name="message-attachments",
        description=f"Files attached to secure messages: kept {_AFTER_CLOSE}.",
        queryset=_closed("message__thread__", Attachment),
        aged_by="message__thread__closed_at",
        period=RETENTION_PERIOD,
    ),
    retention.TableRule(
        name="messages",
        description=f"Secure messages: kept {_AFTER_CLOSE}.",
        queryset=_closed("thread__", Message),
        aged_by="thread__closed_at",
        period=RETENTION_PERIOD,
    ),
    retention.TableRule(
        name="message-threads",
        description=f"Secure message conversations: kept {_AFTER_CLOSE} (after their messages).",
        queryset=_closed("", Thread),
        aged_by="closed_at",
        period=RETENTION_PERIOD,
    ),
)

ENTRIES = (
    InventoryEntry(
        model=Attachment,
        category="message_attachments",
        description="Files you attached to a secure message (PDF, JPEG or PNG).",
        fields=(
            PersonalField("filename", "File name", _ANSWER, _C, encrypted=True),
            PersonalField("content", "The file", _ANSWER, _C, encrypted=True),
            PersonalField("content_type", "Type of file", _ANSWER, _C, encrypted=False),
            PersonalField("size", "Size", _ANSWER, _C, encrypted=False),
        ),
        retention_rule="message-attachments",
        export=attachment_export,
        erase=erase_owned(Attachment, "message__thread__owner_id"),
    ),
    InventoryEntry(
        model=Message,
        category="messages",
        description="What you wrote to customer service, and their replies.",
        fields=(
            PersonalField("body", "Message", _ANSWER, _C, encrypted=True),
            PersonalField("author", "From you or from us", _ANSWER, _C, encrypted=False),
            PersonalField("sent_at", "Sent", _ANSWER, _C, encrypted=False),
        ),
        retention_rule="messages",
        export=message_export,
        erase=erase_owned(Message, "thread__owner_id"),
    ),
    InventoryEntry(
        model=Thread,
        category="message_threads",
        description="Your conversations with customer service: topic, status and dates.",
        fields=(
            PersonalField("topic", "Topic", _ANSWER, _C, encrypted=False),
            PersonalField("status", "Open or closed", _ANSWER, _C, encrypted=False),
            PersonalField("created_at", "Started", _ANSWER, _C, encrypted=False),
            PersonalField("last_message_at", "Last message", _ANSWER, _C, encrypted=False),
            PersonalField(
                "closed_at", "Closed", "To know how long to keep it.", _C, encrypted=False
            ),
            PersonalField(
                "customer_unread", "Reply not yet read", "To show you new replies.", _C, False
            ),
        ),
        retention_rule="message-threads",
        export=thread_export,
        erase=erase_owned(Thread, "owner_id"),
    ),
)


def register() -> None:
    for rule in RULES:
        retention.register(rule)
    for entry in ENTRIES:
        inventory.register(entry)
    export.register_files(export.ExportFiles("message-attachments", attachment_files))
