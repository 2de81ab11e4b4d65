from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from partnership.audit.models import AuditEvent
from partnership.audit.tests.helpers import append

pytestmark = pytest.mark.django_db


def snapshot() -> list[tuple[int, str, str]]:
    return list(AuditEvent.objects.values_list("sequence", "reason", "hash"))


def test_events_cannot_be_changed_or_deleted_through_the_orm(
    protected_tables_enforced: None,
) -> None:
    first, _ = append(2)
    before = snapshot()

    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=first.pk).update(reason="rewritten")
    first.reason = "rewritten"
    with pytest.raises(DatabaseError), transaction.atomic():
        first.save()
    with pytest.raises(DatabaseError), transaction.atomic():
        first.delete()
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.all().delete()

    assert snapshot() == before


def test_events_cannot_be_changed_or_deleted_through_raw_sql(
    protected_tables_enforced: None,
) -> None:
    append(2)
    before = snapshot()

    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET reason = 'x' WHERE sequence = 1")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE sequence = 2")
    if connection.vendor == "postgresql":
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("TRUNCATE audit_auditevent")

    assert snapshot() == before


def test_the_refusal_says_why(protected_tables_enforced: None) -> None:
    append(1)

    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.update(reason="x")
