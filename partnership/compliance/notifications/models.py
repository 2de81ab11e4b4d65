"""One notification per recipient per change (UK GDPR Art. 19).

It names the recipient (a Partnership company that received a marketing export, or a
processor in the register) by id and by name as it was then, what happened and to which
categories, and the notice itself — encrypted, because it holds the identifier the
recipient already knows the person by. The person is held by user id only (no foreign
key): the record outlives an erasure for as long as its legal hold lasts.
"""

from __future__ import annotations

from django.db import models

from partnership.crypto.fields import EncryptedModel, EncryptedTextField

NOTICE_MAX = 4000


class RecipientKind(models.TextChoices):
    MARKETING = "marketing", "Partnership company (marketing export)"
    PROCESSOR = "processor", "Processor"


class ChangeKindChoice(models.TextChoices):
    CORRECTION = "correction", "Corrected"
    ERASURE = "erasure", "Erased"
    RESTRICTION = "restriction", "Restricted"


class RecipientNotification(EncryptedModel):
    user_id = models.UUIDField(db_index=True)
    change = models.CharField(max_length=16, choices=ChangeKindChoice.choices)
    categories = models.JSONField(default=list)  # inventory categories
    recipient_kind = models.CharField(max_length=16, choices=RecipientKind.choices)
    recipient_id = models.CharField(max_length=64)  # MarketingRecipient uuid / Processor pk
    recipient_name = models.CharField(max_length=200)  # a company, never a person
    recipient_contact = models.CharField(max_length=300, blank=True, default="")
    export_id = models.PositiveIntegerField(null=True, blank=True)  # marketing only
    notice = EncryptedTextField(max_length=NOTICE_MAX)
    created_at = models.DateTimeField(db_index=True)
    downloaded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "recipient_name"]

    def __str__(self) -> str:
        return f"recipient notification {self.pk}"
