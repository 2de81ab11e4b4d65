from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from typing import Any

import pytest
from django.db import transaction

from partnership.audit.events import ActorKind, AuditEventType
from partnership.audit.models import AuditEvent
from partnership.audit.selectors import audit_events_by_actor, audit_events_for_subject
from partnership.audit.services import Actor, audit_record

pytestmark = pytest.mark.django_db

CUSTOMER = uuid.UUID("6f1c2b4e-1d1a-4a55-9d3e-0f5a3c2b1a00")
STAFF = uuid.UUID("0b7e9a1c-52f3-4d7e-8a61-7c2f1e9d3b11")
MOMENT = dt.datetime(2026, 11, 3, 9, 15, 30, 123456, tzinfo=dt.UTC)


def independent_hash(event: AuditEvent) -> str:
    """The hash as docs/audit.md defines it, computed here without the app's code."""
    document = {
        "sequence": event.sequence,
        "occurred_at": event.occurred_at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
        "actor_kind": event.actor_kind,
        "actor_id": event.actor_id,
        "event": event.event,
        "subject_type": event.subject_type,
        "subject_id": event.subject_id,
        "reason": event.reason,
        "data": event.data,
        "prev_hash": event.prev_hash,
    }
    canonical = json.dumps(document, sort_keys=True, separators=(",", ":")).encode()
    return hashlib.sha256(bytes.fromhex(event.prev_hash) + canonical).hexdigest()


def record(**overrides: Any) -> AuditEvent:
    fields: dict[str, Any] = {
        "event": AuditEventType.PRIVACY_COMPLAINT_SUBMIT,
        "actor": Actor.customer(CUSTOMER),
        "subject_type": "complaint",
        "subject_id": "3c6e0b8a-0f8e-4c1e-9b7a-2d1f0e9c8b7a",
        "reason": "customer_request",
        "data": {"channel": "web", "attachments": 0, "urgent": False, "case": None},
    }
    fields.update(overrides)
    return audit_record(**fields)


def test_first_event_links_to_64_zeros_and_each_next_to_the_one_before(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("partnership.core.clock.now", lambda: MOMENT)

    first = record()
    second = record(event=AuditEventType.CRYPTO_KEYS_ROTATE, actor=Actor.system(), data=None)
    third = record(actor=Actor.staff(STAFF), reason="")

    stored = list(AuditEvent.objects.order_by("sequence"))
    assert [e.sequence for e in stored] == [1, 2, 3]
    assert stored[0].prev_hash == "0" * 64
    assert stored[1].prev_hash == first.hash
    assert stored[2].prev_hash == second.hash
    assert [independent_hash(e) for e in stored] == [first.hash, second.hash, third.hash]


def test_stored_fields_are_exactly_what_was_given(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("partnership.core.clock.now", lambda: MOMENT)

    record()

    event = AuditEvent.objects.get()
    assert (event.occurred_at, event.actor_kind, event.actor_id, event.event) == (
        MOMENT,
        "customer",
        str(CUSTOMER),
        "privacy:complaint:submit",
    )
    assert (event.subject_type, event.subject_id, event.reason) == (
        "complaint",
        "3c6e0b8a-0f8e-4c1e-9b7a-2d1f0e9c8b7a",
        "customer_request",
    )
    assert event.data == {"channel": "web", "attachments": 0, "urgent": False, "case": None}
    assert str(event) == "#1 privacy:complaint:submit"


def test_the_hash_of_a_known_event_is_fixed(monkeypatch: pytest.MonkeyPatch) -> None:
    # Pins the canonical form: changing it would orphan every chain already written.
    monkeypatch.setattr("partnership.core.clock.now", lambda: MOMENT)

    event = audit_record(
        event=AuditEventType.PRIVACY_POLICY_PUBLISH,
        actor=Actor.system(),
        subject_type="policy_version",
        subject_id="7",
        data={"number": 7},
    )

    canonical = (
        b'{"actor_id":"","actor_kind":"system","data":{"number":7},'
        b'"event":"privacy:policy:publish","occurred_at":"2026-11-03T09:15:30.123456Z",'
        b'"prev_hash":"' + b"0" * 64 + b'","reason":"","sequence":1,'
        b'"subject_id":"7","subject_type":"policy_version"}'
    )
    assert event.hash == hashlib.sha256(bytes(32) + canonical).hexdigest()


def test_the_event_rolls_back_with_the_transaction_it_belongs_to() -> None:
    record()

    def change_that_fails() -> None:
        with transaction.atomic():
            record()
            raise RuntimeError("the change being recorded failed")

    with pytest.raises(RuntimeError):
        change_that_fails()

    assert list(AuditEvent.objects.values_list("sequence", flat=True)) == [1]
    assert record().sequence == 2


@pytest.mark.parametrize(
    ("data", "named"),
    [
        ({"email": "jane.doe@example.com"}, "'email'"),
        ({"note": "called about card"}, "'note'"),
        ({"address": {"line1": "x"}}, "'address'"),
        ({"items": ["a"]}, "'items'"),
        ({"amount": 1.5}, "'amount'"),
        ({"phone": "07700900123"}, "'phone'"),
        ({"card": "4111-1111-1111-1111"}, "'card'"),
        ({"postcode": "SW1A1AA"}, "'postcode'"),
        ({"ref": "x" * 65}, "'ref'"),
        ({"big": 2**53}, "'big'"),
    ],
)
def test_personal_data_or_free_text_in_data_is_refused_naming_the_key_not_the_value(
    data: dict[str, Any], named: str
) -> None:
    with pytest.raises(ValueError, match=named) as raised:
        record(data=data)

    for value in data.values():
        assert str(value) not in str(raised.value)
    assert AuditEvent.objects.count() == 0


@pytest.mark.parametrize("key", ["Email", "two words", "x" * 41, "", "é"])
def test_data_keys_must_be_snake_case_names(key: str) -> None:
    with pytest.raises(ValueError, match="data keys must be snake_case"):
        record(data={key: 1})

    assert AuditEvent.objects.count() == 0


def test_data_must_be_a_mapping() -> None:
    with pytest.raises(ValueError, match="data must be a mapping"):
        record(data=[("a", 1)])

    assert AuditEvent.objects.count() == 0


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("reason", "The customer phoned to ask"),
        ("reason", "Customer_Request"),
        ("subject_id", "jane@example.com"),
        ("subject_id", "4111111111111111"),
        ("subject_type", "Complaint Form"),
        ("subject_type", 7),
    ],
)
def test_reason_and_subject_must_be_ids_or_categories(field: str, value: Any) -> None:
    with pytest.raises(ValueError, match=f"audit {field} must be an id or a category") as raised:
        record(**{field: value})

    assert str(value) not in str(raised.value)
    assert AuditEvent.objects.count() == 0


def test_subject_type_and_id_go_together() -> None:
    with pytest.raises(ValueError, match="give both or neither"):
        record(subject_id="")

    assert AuditEvent.objects.count() == 0


def test_unknown_event_name_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown audit event name"):
        record(event="staff:customer:peek")

    assert AuditEvent.objects.count() == 0


def test_event_names_may_be_given_as_their_string() -> None:
    assert record(event="privacy:retention:run", actor=Actor.system()).event == (
        AuditEventType.PRIVACY_RETENTION_RUN
    )


@pytest.mark.parametrize(
    ("actor", "message"),
    [
        (Actor(ActorKind.SYSTEM, "someone"), "the system actor has no id"),
        (Actor.customer(""), "actor id for customer must be a user id"),
        (Actor.staff("jane@example.com"), "actor id for staff must be a user id"),
        (Actor("robot", "1"), "actor kind must be system, customer or staff"),  # type: ignore[arg-type]
        ("system", "actor must be an Actor"),
    ],
)
def test_actor_must_be_well_formed(actor: Any, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        record(actor=actor)

    assert AuditEvent.objects.count() == 0


def test_actor_constructors() -> None:
    assert Actor.system() == Actor(ActorKind.SYSTEM, "")
    assert Actor.customer(CUSTOMER) == Actor(ActorKind.CUSTOMER, str(CUSTOMER))
    assert Actor.staff(42) == Actor(ActorKind.STAFF, "42")


def test_selectors_list_newest_first_by_subject_and_by_actor() -> None:
    a = record(subject_id="c-1")
    b = record(subject_id="c-2", actor=Actor.staff(STAFF))
    c = record(subject_id="c-1", actor=Actor.staff(STAFF))

    by_subject = audit_events_for_subject(subject_type="complaint", subject_id="c-1")
    by_staff = audit_events_by_actor(actor_kind=ActorKind.STAFF, actor_id=str(STAFF))
    by_customer = audit_events_by_actor(actor_kind=ActorKind.CUSTOMER, actor_id=str(CUSTOMER))

    assert list(by_subject) == [c, a]
    assert list(by_staff) == [c, b]
    assert list(by_customer) == [a]
