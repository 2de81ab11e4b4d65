"""A request a person made under their data-protection rights.

The person is known by their user id when they have an account, otherwise by the
keyed blind index of their e-mail address (purpose ``privacy.rights.email``). What the
request is about is named by type and id only (``application`` and its UUID); the
person's own words, when they gave any, are encrypted.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from partnership.crypto.fields import EncryptedModel, EncryptedTextField
from partnership.privacy.text import validate_multi_line

DETAILS_MAX = 2000
EMAIL_INDEX_PURPOSE = "privacy.rights.email"


class RightsRequestKind(models.TextChoices):
    ACCESS = "access", "A copy of my data (access)"
    RECTIFICATION = "rectification", "Correct my data (rectification)"
    ERASURE = "erasure", "Erase my data (erasure)"
    RESTRICTION = "restriction", "Restrict how my data is used (restriction)"
    OBJECTION = "objection", "Object to how my data is used (objection)"
    AUTOMATED_DECISION_REVIEW = (
        "automated_decision_review",
        "A person to review an automated decision (contest it)",
    )


class RightsRequestStatus(models.TextChoices):
    RECEIVED = "received", "Received"
    IN_PROGRESS = "in_progress", "In progress"
    CLOSED = "closed", "Closed"


class RightsRequest(EncryptedModel):
    kind = models.CharField(max_length=32, choices=RightsRequestKind.choices)
    user_id = models.UUIDField(null=True, blank=True, db_index=True)
    email_index = models.CharField(max_length=64, blank=True, default="", db_index=True)
    received_at = models.DateTimeField(db_index=True)
    status = models.CharField(
        max_length=16, choices=RightsRequestStatus.choices, default=RightsRequestStatus.RECEIVED
    )
    # What the request concerns, by type and id only ("application", "<uuid>").
    related_type = models.CharField(max_length=32, blank=True, default="")
    related_id = models.CharField(max_length=64, blank=True, default="")
    details = EncryptedTextField(
        max_length=DETAILS_MAX, blank=True, default="", validators=[validate_multi_line]
    )
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["received_at"]
        constraints = [
            # Asking twice about the same thing is one request (a double click, a replay).
            models.UniqueConstraint(
                fields=["kind", "related_type", "related_id"],
                condition=~Q(related_id=""),
                name="privacy_rights_request_once_per_subject",
            ),
            models.CheckConstraint(
                condition=Q(user_id__isnull=False) | ~Q(email_index=""),
                name="privacy_rights_request_names_a_person",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.pk}"
