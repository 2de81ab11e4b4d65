"""Secure messages between a customer and customer service.

A thread has a topic from a short fixed list and the messages of both sides; a
customer's message may carry one attachment (PDF, JPEG or PNG, checked by content).
Encrypted: the message text, the attachment's file name and its content. Plain: what
lists, the unread marker, the agents' queue and retention need (dates, topic, status,
who wrote, the verified type and the size).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from partnership.core.text import MESSAGE_TEXT_MAX, validate_multi_line, validate_single_line
from partnership.crypto.fields import EncryptedModel, EncryptedTextField
from partnership.inbox.fields import EncryptedBytesField

FILENAME_MAX = 120


class Topic(models.TextChoices):
    CARD = "card", "My card"
    PAYMENT = "payment", "Payments and Direct Debit"
    STATEMENT = "statement", "Statements"
    TRANSACTION = "transaction", "A transaction I do not recognise"
    DETAILS = "details", "My personal details"
    OTHER = "other", "Something else"


class ThreadStatus(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class Author(models.TextChoices):
    CUSTOMER = "customer", "Customer"
    STAFF = "staff", "Customer service"


class AttachmentType(models.TextChoices):
    PDF = "application/pdf", "PDF document"
    JPEG = "image/jpeg", "JPEG image"
    PNG = "image/png", "PNG image"


class Thread(EncryptedModel):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="message_threads"
    )
    topic = models.CharField(max_length=20, choices=Topic.choices)
    status = models.CharField(
        max_length=10, choices=ThreadStatus.choices, default=ThreadStatus.OPEN
    )
    created_at = models.DateTimeField()
    last_message_at = models.DateTimeField()
    closed_at = models.DateTimeField(null=True, blank=True)
    # A reply the customer has not opened yet; a customer message agents have not answered.
    customer_unread = models.BooleanField(default=False)
    awaiting_reply = models.BooleanField(default=True)

    class Meta:
        indexes = [
            models.Index(fields=["owner", "-last_message_at"], name="inbox_thread_owner_recent"),
            models.Index(fields=["owner", "customer_unread"], name="inbox_thread_owner_unread"),
            models.Index(fields=["awaiting_reply", "last_message_at"], name="inbox_thread_queue"),
            models.Index(fields=["status", "closed_at"], name="inbox_thread_closed"),
        ]

    @property
    def reference(self) -> str:
        """A short reference to quote on the phone: the first 8 characters of the id."""
        return self.pk.hex[:8].upper()


class Message(EncryptedModel):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="messages")
    author = models.CharField(max_length=10, choices=Author.choices)
    # The agent who wrote a reply (kept if their staff account goes: the reply stands).
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = EncryptedTextField(max_length=MESSAGE_TEXT_MAX, validators=[validate_multi_line])
    sent_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["thread", "sent_at"], name="inbox_message_thread_sent")]


class Attachment(EncryptedModel):
    message = models.OneToOneField(Message, on_delete=models.CASCADE, related_name="attachment")
    filename = EncryptedTextField(max_length=FILENAME_MAX, validators=[validate_single_line])
    # The type found in the content (never the name's or the browser's word for it).
    content_type = models.CharField(max_length=20, choices=AttachmentType.choices)
    size = models.PositiveIntegerField()
    content = EncryptedBytesField()

    @property
    def extension(self) -> str:
        return {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}[
            self.content_type
        ]
