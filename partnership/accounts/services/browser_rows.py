"""What remembered browsers (``devices.py``) and device cookies (``device_cookies.py``)
share: a per-user row kept for a browser, forgotten one at a time or all at once, and
audited by the person's id and a count only; and the cookie's token, random, of which
the row keeps only a keyed hash."""

from __future__ import annotations

import re
import secrets

from django.db.models import Model, QuerySet
from django.utils.crypto import salted_hmac

from partnership.accounts.models import User
from partnership.accounts.services.users import actor_for
from partnership.audit.events import AuditEventType
from partnership.audit.services import Actor, audit_record

TOKEN_BYTES = 32  # 256 bits
_TOKEN = re.compile(r"[A-Za-z0-9_-]{43}")  # the shape of token_urlsafe(TOKEN_BYTES)


def browser_token_new() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def browser_token_well_formed(token: str | None) -> bool:
    return bool(_TOKEN.fullmatch(token or ""))


def browser_token_hash(token: str, *, purpose: str) -> str:
    """An HMAC of ``token`` under a key derived from ``SECRET_KEY`` for ``purpose``
    alone: neither a database copy nor the cookie says anything about the person."""
    return salted_hmac(purpose, token, algorithm="sha256").hexdigest()


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


def browser_rows_trim(rows: QuerySet[Model], *, keep: int) -> int:
    """Delete all but the ``keep`` most recently used of ``rows`` (one person's);
    return how many went."""
    ordered = rows.order_by("-last_used_at", "-created_at")
    surplus = list(ordered.values_list("pk", flat=True)[keep:])
    rows.filter(pk__in=surplus).delete()
    return len(surplus)


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
