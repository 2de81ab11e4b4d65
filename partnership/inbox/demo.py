"""Demo threads: each demo customer has asked one question and had one answer, unread.

Idempotent (a customer who already has a thread is skipped); rows are written directly,
as the other demo seeders do, without audit events or e-mails for things nobody did.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model

from partnership.core import clock
from partnership.inbox.models import Author, Message, Thread, ThreadStatus, Topic

QUESTION = (
    "Hello, I am going abroad next month. Do I need to tell you before I use my card "
    "outside the UK, and are there any fees?"
)
ANSWER = (
    "Thank you for your message. You do not need to tell us before you travel. "
    "Purchases abroad have no foreign usage fee; cash withdrawals have the fee shown "
    "in your summary box. Have a good trip."
)


def seed_threads() -> list[str]:
    now = clock.now()
    asked = now - dt.timedelta(days=3, hours=2)
    answered = now - dt.timedelta(days=2, hours=5)
    customers = get_user_model().objects.filter(is_active=True, is_staff=False).order_by("pk")
    seeded = 0
    for user in customers:
        if Thread.objects.filter(owner_id=user.pk).exists():
            continue
        thread = Thread.objects.create(
            owner_id=user.pk,
            topic=Topic.CARD,
            status=ThreadStatus.OPEN,
            created_at=asked,
            last_message_at=answered,
            customer_unread=True,
            awaiting_reply=False,
        )
        Message.objects.create(thread=thread, author=Author.CUSTOMER, body=QUESTION, sent_at=asked)
        Message.objects.create(thread=thread, author=Author.STAFF, body=ANSWER, sent_at=answered)
        seeded += 1
    if not seeded:
        return []
    return [f"Gave {seeded} demo customer(s) a message thread with an unread reply."]
