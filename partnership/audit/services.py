"""Writing the audit log: ``audit_record``, the one way an event is appended.

Call it inside the transaction of the change it records, so both commit or neither
does. Appends are serialised so the chain never forks: on PostgreSQL by a
transaction-scoped advisory lock; on SQLite by the write lock that the project's
``transaction_mode=IMMEDIATE`` takes at BEGIN. The head is read only after that lock
is held. The unique ``sequence`` and ``hash`` columns are the last line of defence:
a writer that somehow raced would fail, never fork the chain.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction

from partnership.audit.chain import GENESIS_PREV_HASH, canonical_bytes, event_hash
from partnership.audit.events import ActorKind, AuditEventType
from partnership.audit.models import AuditEvent
from partnership.core import clock

# pg_advisory_xact_lock key: ASCII "AUDITLOG" read as a big-endian signed 64-bit int.
APPEND_LOCK_KEY = int.from_bytes(b"AUDITLOG", "big", signed=True)

# Ids and enum values: letters, digits and _ . : - only. No "@", no spaces.
_ID = re.compile(r"[A-Za-z0-9_.:-]{0,64}")
_KEY = re.compile(r"[a-z][a-z0-9_]{0,39}")
_CATEGORY = re.compile(r"[a-z0-9_.:-]{0,64}")
# Shapes of personal data that the id pattern alone would let through.
# Phone and card numbers, separators aside (a UUID has 32 hex digits, dates 8 digits).
_NUMBER_LIKE = re.compile(r"[0-9]{9,19}")
_SEPARATORS = re.compile(r"[-_.:]")
_POSTCODE = re.compile(r"[A-Za-z]{1,2}[0-9][A-Za-z0-9]?[0-9][A-Za-z]{2}")
# Integers that JSON readers everywhere keep exactly.
_MAX_INT = 2**53 - 1

DataValue = str | int | bool | None


@dataclass(frozen=True)
class Actor:
    """Who did it: the system, or a customer or staff member by their user id."""

    kind: ActorKind
    id: str = ""

    @classmethod
    def system(cls) -> Actor:
        return cls(ActorKind.SYSTEM, "")

    @classmethod
    def customer(cls, user_id: uuid.UUID | str | int) -> Actor:
        return cls(ActorKind.CUSTOMER, str(user_id))

    @classmethod
    def staff(cls, user_id: uuid.UUID | str | int) -> Actor:
        return cls(ActorKind.STAFF, str(user_id))


def audit_record(
    *,
    event: AuditEventType,
    actor: Actor,
    subject_type: str = "",
    subject_id: str = "",
    reason: str = "",
    data: Mapping[str, DataValue] | None = None,
) -> AuditEvent:
    """Append one event to the chain and return it.

    Raises ``ValueError`` — naming the field or key, never echoing the value — for an
    unknown event name or anything that is not an id, an enum value or a number.
    """
    event_name = _checked_event(event)
    actor_kind, actor_id = _checked_actor(actor)
    _check_subject(subject_type=subject_type, subject_id=subject_id, reason=reason)
    fields: dict[str, Any] = {
        "actor_kind": actor_kind,
        "actor_id": actor_id,
        "event": event_name,
        "subject_type": subject_type,
        "subject_id": subject_id,
        "reason": reason,
        "data": _checked_data(data or {}),
    }
    return _append(fields)


def _check_subject(*, subject_type: str, subject_id: str, reason: str) -> None:
    _check_text("subject_type", subject_type, _CATEGORY)
    _check_text("subject_id", subject_id, _ID)
    _check_text("reason", reason, _CATEGORY)
    if bool(subject_type) != bool(subject_id):
        raise ValueError("audit subject_type and subject_id go together: give both or neither")


def _append(fields: dict[str, Any]) -> AuditEvent:
    """Link checked fields to the head of the chain under its lock and store them."""
    with transaction.atomic():
        _lock_chain()
        head = AuditEvent.objects.order_by("-sequence").values("sequence", "hash").first()
        sequence = 1 if head is None else head["sequence"] + 1
        prev_hash = GENESIS_PREV_HASH if head is None else head["hash"]
        # The database keeps microseconds; the hash must cover exactly what is stored.
        occurred_at = clock.now()
        canonical = canonical_bytes(
            sequence=sequence, occurred_at=occurred_at, prev_hash=prev_hash, **fields
        )
        return AuditEvent.objects.create(
            sequence=sequence,
            occurred_at=occurred_at,
            prev_hash=prev_hash,
            hash=event_hash(prev_hash=prev_hash, canonical=canonical),
            **fields,
        )


def _lock_chain() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [APPEND_LOCK_KEY])
    # SQLite: BEGIN IMMEDIATE (settings) already holds the database's single write lock.


def _checked_event(event: str) -> str:
    try:
        return AuditEventType(event).value
    except ValueError:
        raise ValueError(
            "unknown audit event name; declare it in partnership/audit/events.py"
        ) from None


def _checked_actor(actor: object) -> tuple[str, str]:
    if not isinstance(actor, Actor):
        raise ValueError("audit actor must be an Actor (Actor.system(), .customer(), .staff())")
    if actor.kind not in set(ActorKind):
        raise ValueError("audit actor kind must be system, customer or staff")
    kind = ActorKind(actor.kind).value
    if kind == ActorKind.SYSTEM:
        if actor.id:
            raise ValueError("the system actor has no id")
        return kind, ""
    if not actor.id or not _ID.fullmatch(actor.id):
        raise ValueError(f"audit actor id for {kind} must be a user id (letters, digits, -)")
    return kind, actor.id


def _check_text(name: str, value: object, pattern: re.Pattern[str]) -> None:
    if not isinstance(value, str) or not pattern.fullmatch(value) or _looks_personal(value):
        raise ValueError(
            f"audit {name} must be an id or a category (at most 64 of a-z 0-9 _ . : -); "
            "personal data and free text are never recorded"
        )


def _checked_data(data: Mapping[str, object]) -> dict[str, DataValue]:
    if not isinstance(data, Mapping):
        raise ValueError("audit data must be a mapping of keys to ids, enums or numbers")
    clean: dict[str, DataValue] = {}
    for key, value in data.items():
        if not isinstance(key, str) or not _KEY.fullmatch(key):
            raise ValueError("audit data keys must be snake_case names (a-z, 0-9, _; at most 40)")
        clean[key] = _checked_value(key, value)
    return clean


def _checked_value(key: str, value: object) -> DataValue:
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int):
        if abs(value) > _MAX_INT:
            raise ValueError(f"audit data {key!r}: integer out of range")
        return value
    if isinstance(value, str) and _ID.fullmatch(value) and not _looks_personal(value):
        return value
    raise ValueError(
        f"audit data {key!r} must be an id, an enum value, a number, a boolean or None "
        "(strings: at most 64 of A-Z a-z 0-9 _ . : -); personal data is never recorded"
    )


def _looks_personal(value: str) -> bool:
    digits = _SEPARATORS.sub("", value)
    return bool(_NUMBER_LIKE.fullmatch(digits) or _POSTCODE.fullmatch(value))
