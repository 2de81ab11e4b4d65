"""Reading the audit log: for the customer's access history and compliance screens."""

from __future__ import annotations

from django.db.models import QuerySet

from partnership.audit.events import ActorKind
from partnership.audit.models import AuditEvent


def audit_events_for_subject(*, subject_type: str, subject_id: str) -> QuerySet[AuditEvent]:
    """Events about one thing (e.g. ``"complaint"``, its UUID), newest first."""
    return AuditEvent.objects.filter(
        subject_type=subject_type, subject_id=str(subject_id)
    ).order_by("-sequence")


def audit_events_by_actor(*, actor_kind: ActorKind, actor_id: str) -> QuerySet[AuditEvent]:
    """Events done by one actor (a customer's or staff member's user id), newest first."""
    return AuditEvent.objects.filter(
        actor_kind=ActorKind(actor_kind).value, actor_id=str(actor_id)
    ).order_by("-sequence")
