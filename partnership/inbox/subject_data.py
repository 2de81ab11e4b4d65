"""A person's secure messages, exported and erased for them.

No legal hold keeps a message once its person asks for erasure: a complaint made in a
message is recorded, with its own retention, by the complaints handling. Attachments
are exported by name, verified type and size in ``data.json``, and as files beside it
(``attachment-<id>.<extension>``, named in each record's ``file``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.db import models

from partnership.inbox.models import Attachment, Message, Thread
from partnership.privacy.erase_rows import erase_unless_held
from partnership.privacy.inventory import ErasureOutcome
from partnership.privacy.subjects import DataSubject

# Two years and one leap day after the conversation closes.
RETENTION_PERIOD = dt.timedelta(days=2 * 365 + 1)


def _owned(model: type[models.Model], path: str, subject: DataSubject) -> models.QuerySet[Any]:
    if subject.user_id is None:
        return model._default_manager.none()
    return model._default_manager.filter(**{path: subject.user_id})


def erase_owned(model: type[models.Model], path: str) -> Callable[[DataSubject], ErasureOutcome]:
    def erase(subject: DataSubject) -> ErasureOutcome:
        rows = _owned(model, path, subject).only("pk").order_by("pk")
        return erase_unless_held(rows, lambda row: None)

    return erase


def thread_export(subject: DataSubject) -> list[dict[str, Any]]:
    rows = _owned(Thread, "owner_id", subject).order_by("created_at", "pk")
    return [
        {
            "id": row.pk,
            "reference": row.reference,
            "topic": row.get_topic_display(),
            "status": row.status,
            "created_at": row.created_at,
            "last_message_at": row.last_message_at,
            "closed_at": row.closed_at,
        }
        for row in rows
    ]


def message_export(subject: DataSubject) -> list[dict[str, Any]]:
    rows = _owned(Message, "thread__owner_id", subject).order_by("thread_id", "sent_at", "pk")
    return [
        {
            "id": row.pk,
            "thread_id": row.thread_id,
            "from": "you" if row.author == "customer" else "customer service",
            "sent_at": row.sent_at,
            "text": row.body,
        }
        for row in rows
    ]


def attachment_export(subject: DataSubject) -> list[dict[str, Any]]:
    rows = (
        _owned(Attachment, "message__thread__owner_id", subject)
        .defer("content")
        .order_by("message__sent_at", "pk")
    )
    return [
        {
            "id": row.pk,
            "message_id": row.message_id,
            "file_name": row.filename,
            "type": row.content_type,
            "size_bytes": row.size,
            "file": export_file_name(row),
        }
        for row in rows
    ]


def export_file_name(row: Attachment) -> str:
    return f"attachment-{row.pk}.{row.extension}"


def attachment_files(subject: DataSubject) -> dict[str, bytes]:
    """The person's attachments, as files for the export (read one at a time)."""
    rows = _owned(Attachment, "message__thread__owner_id", subject).order_by("pk")
    files: dict[str, bytes] = {}
    for pk in rows.values_list("pk", flat=True):
        row = Attachment.objects.get(pk=pk)
        files[export_file_name(row)] = row.content
    return files
