"""The audit log: append-only, hash-chained events (docs/audit.md).

Rows are never changed or deleted: triggers installed by migration 0002 refuse
UPDATE, DELETE (and TRUNCATE on PostgreSQL). Writes go through
``services.audit_record`` only.
"""

from __future__ import annotations

from django.db import models


class AuditEvent(models.Model):
    # Gap-free, assigned under the append lock: 1, 2, 3, …
    sequence = models.PositiveBigIntegerField(unique=True)
    occurred_at = models.DateTimeField()
    # ActorKind; the actor id is a string (a user's UUID) with no foreign key, so the
    # chain outlives the user it names.
    actor_kind = models.CharField(max_length=16)
    actor_id = models.CharField(max_length=64, blank=True)
    # AuditEventType, without ``choices``: adding an event name needs no migration.
    event = models.CharField(max_length=64)
    subject_type = models.CharField(max_length=64, blank=True)
    subject_id = models.CharField(max_length=64, blank=True)
    # A short category (e.g. "customer_request"), never free text.
    reason = models.CharField(max_length=64, blank=True)
    # Ids and enums only (services.audit_record checks every value).
    data = models.JSONField(default=dict)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["sequence"]
        indexes = [
            models.Index(
                fields=["subject_type", "subject_id", "-sequence"], name="audit_by_subject"
            ),
            models.Index(fields=["actor_kind", "actor_id", "-sequence"], name="audit_by_actor"),
        ]

    def __str__(self) -> str:
        return f"#{self.sequence} {self.event}"
