"""What remembered browsers (``devices.py``) and device cookies (``device_cookies.py``)
share: a per-user row kept for a browser, forgotten one at a time or all at once, and
audited by the person's id and a count only."""

from __future__ import annotations

from django.db.models import Model, QuerySet

from partnership.accounts.models import User
from partnership.accounts.services.users import actor_for
from partnership.audit.events import AuditEventType
from partnership.audit.services import Actor, audit_record


def browser_audit(
    *, event: AuditEventType, user: User, reason: str = "", **data: str | int
) -> None:
    """An event the person caused on their own account."""
    audit_record(
        event=event,
        actor=actor_for(user),
        subject_type="user",
        subject_id=str(user.pk),
        reason=reason,
        data=data,
    )


def browser_rows_revoke(
    rows: QuerySet[Model], *, user: User, device_id: str | None, event: AuditEventType
) -> int:
    """Delete one of ``rows`` (``device_id``) or all (None), as ``user``; ``rows`` must
    already be ``user``'s own, so another person's id matches nothing."""
    if device_id is not None:
        rows = rows.filter(pk=device_id)
    revoked, _ = rows.delete()
    if revoked:
        browser_audit(
            event=event,
            user=user,
            reason="one" if device_id is not None else "all",
            revoked=revoked,
        )
    return revoked


def browser_rows_forget_all(
    rows: QuerySet[Model], *, user: User, reason: str, event: AuditEventType
) -> int:
    """Delete every one of ``rows`` for a system reason (a password reset)."""
    revoked, _ = rows.delete()
    if revoked:
        audit_record(
            event=event,
            actor=Actor.system(),
            subject_type="user",
            subject_id=str(user.pk),
            reason=reason,
            data={"revoked": revoked},
        )
    return revoked
