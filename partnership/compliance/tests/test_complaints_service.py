from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from partnership.audit.models import AuditEvent
from partnership.compliance.complaints import personal_data
from partnership.compliance.complaints.models import (
    Complaint,
    ComplaintStatus,
    ComplaintTopic,
    ReplyPreference,
)
from partnership.compliance.complaints.services import (
    ComplaintInput,
    complaint_reference_new,
    complaint_submit,
)
from partnership.core import clock
from partnership.privacy.inventory import KeptRecord
from partnership.privacy.subjects import DataSubject

pytestmark = pytest.mark.django_db


def complaint_input(**overrides: Any) -> ComplaintInput:
    values: dict[str, Any] = {
        "name": "Ada Lovelace",
        "email": "ada@example.org",
        "phone": "",
        "topic": ComplaintTopic.MARKETING,
        "details": "Too many letters.",
        "reply_preference": ReplyPreference.EMAIL,
    }
    values.update(overrides)
    return ComplaintInput(**values)


def test_references_are_random_and_use_crockford_base32() -> None:
    references = {complaint_reference_new() for _ in range(500)}

    assert len(references) == 500
    assert all(len(r) == 14 and r.startswith("CMP-") for r in references)
    assert set("".join(r[4:] for r in references)) <= set("0123456789ABCDEFGHJKMNPQRSTVWXYZ")


def test_the_same_idempotency_key_records_one_complaint() -> None:
    first = complaint_submit(data=complaint_input(), idempotency_key="k1")
    again = complaint_submit(data=complaint_input(details="Different."), idempotency_key="k1")
    other = complaint_submit(data=complaint_input())

    assert again.pk == first.pk
    assert other.pk != first.pk
    assert Complaint.objects.count() == 2
    assert AuditEvent.objects.count() == 2


@pytest.mark.parametrize(
    "overrides",
    [
        {"name": ""},
        {"name": "x" * 201},
        {"email": "nope"},
        {"details": "a\x00b"},
        {"name": "a\nb"},
        {"details": "x" * 5001},
        {"topic": "not-a-topic"},
    ],
)
def test_invalid_data_is_refused_and_leaves_nothing(overrides: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        complaint_submit(data=complaint_input(**overrides))

    assert Complaint.objects.count() == 0
    assert AuditEvent.objects.count() == 0


def test_a_failing_audit_write_leaves_no_complaint(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(**kwargs: Any) -> None:
        raise RuntimeError("audit unavailable")

    monkeypatch.setattr("partnership.compliance.complaints.services.audit_record", broken)

    with pytest.raises(RuntimeError):
        complaint_submit(data=complaint_input())

    assert Complaint.objects.count() == 0


def subject(email: str = "ADA@example.org") -> DataSubject:
    return DataSubject(email=email.lower())


def test_export_finds_the_persons_complaints_by_blind_index_only() -> None:
    mine = complaint_submit(data=complaint_input(email="Ada@Example.org"))
    complaint_submit(data=complaint_input(email="bob@example.org"))

    exported = personal_data.complaint_export(subject())

    assert [row["reference"] for row in exported] == [mine.reference]
    assert exported[0]["email"] == "Ada@Example.org"


def test_erasure_keeps_what_a_legal_hold_protects_and_names_the_hold() -> None:
    now = clock.now()
    old_closed = complaint_submit(data=complaint_input())
    old_open = complaint_submit(data=complaint_input())
    recent_closed = complaint_submit(data=complaint_input())
    someone_else = complaint_submit(data=complaint_input(email="bob@example.org"))
    three_years_ago = now - dt.timedelta(days=3 * 365 + 2)
    Complaint.objects.filter(pk__in=[old_closed.pk, recent_closed.pk]).update(
        status=ComplaintStatus.CLOSED
    )
    Complaint.objects.filter(pk__in=[old_closed.pk, old_open.pk]).update(
        received_at=three_years_ago
    )

    outcome = personal_data.complaint_erase(subject())

    assert outcome.erased_ids == (str(old_closed.pk),)
    assert sorted(outcome.kept, key=lambda k: k.hold) == [
        KeptRecord(id=str(old_open.pk), hold="fca-disp-1.6-open"),
        KeptRecord(id=str(recent_closed.pk), hold="fca-disp-1.9"),
    ]
    assert set(Complaint.objects.values_list("pk", flat=True)) == {
        old_open.pk,
        recent_closed.pk,
        someone_else.pk,
    }
