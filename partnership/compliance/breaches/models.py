"""The breach register (UK GDPR Art. 33/34) and the notices sent to the people affected.

A breach is one ``Breach`` row (its reference and when it was first recorded) and a
chain of ``BreachRevision`` rows: every change is a new revision and the current state
is the latest one. Both tables are write-once (triggers from ``core.db``), so the
register shows every earlier state as it was. The texts describe the incident, not a
person: officers refer to people affected by number only. Who was told, and what, is in
``BreachNotification`` (one row per person; the message encrypted).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from partnership.core.text import validate_multi_line, validate_single_line
from partnership.crypto.fields import EncryptedModel, EncryptedTextField

TEXT_MAX = 5000
TITLE_MAX = 200
SUBJECT_MAX = 200
REFERENCE_PREFIX = "BR-"
ICO_DEADLINE_HOURS = 72


class IcoStatus(models.TextChoices):
    UNDECIDED = "undecided", "Not yet decided"
    REPORTED = "reported", "Reported to the ICO"
    NOT_REPORTED = "not_reported", "Not reported: unlikely to be a risk to people"


class PeopleDecision(models.TextChoices):
    UNDECIDED = "undecided", "Not yet decided"
    TELL = "tell", "Tell the people affected (high risk)"
    DO_NOT_TELL = "do_not_tell", "Do not tell them (no high risk)"


class Breach(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    reference = models.CharField(max_length=16, unique=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.reference


class BreachRevision(models.Model):
    breach = models.ForeignKey(Breach, on_delete=models.PROTECT, related_name="revisions")
    number = models.PositiveIntegerField()
    recorded_at = models.DateTimeField()
    recorded_by_id = models.CharField(max_length=64)  # the officer's user id
    title = models.CharField(max_length=TITLE_MAX, validators=[validate_single_line])
    occurred_at = models.DateTimeField()
    found_at = models.DateTimeField()
    description = models.TextField(max_length=TEXT_MAX, validators=[validate_multi_line])
    data_categories = models.JSONField()  # inventory category names
    people_affected = models.PositiveIntegerField()
    records_affected = models.PositiveIntegerField()
    consequences = models.TextField(max_length=TEXT_MAX, validators=[validate_multi_line])
    measures = models.TextField(max_length=TEXT_MAX, validators=[validate_multi_line])
    ico_status = models.CharField(max_length=16, choices=IcoStatus.choices)
    ico_reported_at = models.DateTimeField(null=True, blank=True)
    # Art. 33(1): the reasons for a report after 72 hours; Art. 33(5): why not reported.
    late_reason = models.TextField(max_length=TEXT_MAX, blank=True, default="")
    not_reported_reason = models.TextField(max_length=TEXT_MAX, blank=True, default="")
    people_decision = models.CharField(max_length=16, choices=PeopleDecision.choices)
    people_decision_reason = models.TextField(max_length=TEXT_MAX, blank=True, default="")

    class Meta:
        ordering = ["breach", "number"]
        constraints = [
            models.UniqueConstraint(fields=["breach", "number"], name="breach_revision_once")
        ]

    def __str__(self) -> str:
        return f"{self.breach_id} r{self.number}"


class BreachNotification(EncryptedModel):
    """One person told of a breach (Art. 34): the message as sent, when and by whom."""

    encrypted_as = "compliance.breachnotification"

    breach = models.ForeignKey(Breach, on_delete=models.PROTECT, related_name="notifications")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    sending_id = models.UUIDField()  # the batch it was sent in
    subject = models.CharField(max_length=SUBJECT_MAX)
    message = EncryptedTextField(max_length=TEXT_MAX)
    sent_at = models.DateTimeField()
    sent_by_id = models.CharField(max_length=64)

    class Meta:
        ordering = ["-sent_at"]

    def __str__(self) -> str:
        return str(self.pk)
