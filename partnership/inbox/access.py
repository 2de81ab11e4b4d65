"""Who may open a thread or an attachment from the customer area: its owner only.

A missing object and someone else's alike raise ``Http404``, so a guessed id reveals
nothing. (The agents' side is guarded in ``backoffice``, by a live access grant.)
"""

from __future__ import annotations

import uuid
from typing import Any

from django.http import Http404

from partnership.inbox import selectors
from partnership.inbox.models import Attachment, Thread


def owner_id(user: Any) -> uuid.UUID:
    if not getattr(user, "is_authenticated", False) or getattr(user, "is_staff", True):
        raise Http404
    found: uuid.UUID = user.pk
    return found


def access_thread(*, user: Any, thread_id: uuid.UUID) -> Thread:
    thread = selectors.thread_get(thread_id=thread_id, owner_id=owner_id(user))
    if thread is None:
        raise Http404
    return thread


def access_attachment(*, user: Any, attachment_id: uuid.UUID) -> Attachment:
    attachment = selectors.attachment_get(attachment_id=attachment_id, owner_id=owner_id(user))
    if attachment is None:
        raise Http404
    return attachment
