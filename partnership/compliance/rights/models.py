"""A request a person made under their data-protection rights.

The person is known by their user id when they have an account, otherwise by the
keyed blind index of their e-mail address (purpose ``privacy.rights.email``). What the
request is about is named by type and id only (``application`` and its UUID); the
person's own words, when they gave any, are encrypted.
"""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Q

from partnership.core.clock import LONDON
from partnership.core.text import RIGHTS_DETAILS_MAX, validate_multi_line
from partnership.crypto.fields import EncryptedModel, EncryptedTextField

EXTENSION_REASON_MAX = 1000
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


class PauseReason(models.TextChoices):
    IDENTITY = "identity", "Waiting for proof of identity"
    CLARIFICATION = "clarification", "Waiting for clarification of the request"


class RightsRequest(EncryptedModel):
    # Encrypted values stay bound to the label the model had (crypto/fields.py).
    encrypted_as = "privacy.rightsrequest"

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
        max_length=RIGHTS_DETAILS_MAX, blank=True, default="", validators=[validate_multi_line]
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    # The law's clock (partnership.compliance.rights.deadlines): due date with finished
    # pauses and any extension applied; the running pause, if any.
    due_on = models.DateField(null=True, blank=True, db_index=True)
    paused_since = models.DateField(null=True, blank=True)
    pause_reason = models.CharField(
        max_length=16, choices=PauseReason.choices, blank=True, default=""
    )
    extension_months = models.PositiveSmallIntegerField(default=0)
    # Nullable: an encrypted column cannot be added with a default to existing rows.
    extension_reason = EncryptedTextField(
        max_length=EXTENSION_REASON_MAX,
        blank=True,
        null=True,
        validators=[validate_multi_line],
    )
    # Which systems were searched for an access request: [{"category", "count"}].
    categories_searched = models.JSONField(default=list, blank=True)
    # What an erasure did: {"erased": {category: n}, "kept": {category: {hold: n}}}.
    erasure_summary = models.JSONField(default=dict, blank=True)

    class Meta:
        db_table = "privacy_rightsrequest"  # its name from the privacy app: no data moved
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

    @property
    def received_on(self) -> dt.date:
        return self.received_at.astimezone(LONDON).date()


class RightsRequestPause(models.Model):
    """One stop of the clock: from the day we asked to the day the answer came."""

    request = models.ForeignKey(RightsRequest, on_delete=models.CASCADE, related_name="pauses")
    reason = models.CharField(max_length=16, choices=PauseReason.choices)
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)

    class Meta:
        db_table = "privacy_rightsrequestpause"  # its name from the privacy app: no data moved
        ordering = ["started_on", "id"]

    def __str__(self) -> str:
        return f"pause {self.pk} of {self.request_id}"
