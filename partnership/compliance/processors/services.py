"""Writes of the processor register: create and edit, each with its audit row."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from django.db import transaction

from partnership.audit.events import AuditEventType
from partnership.audit.services import Actor, audit_record
from partnership.compliance.processors.models import Processor
from partnership.core import clock


@dataclass(frozen=True)
class ProcessorInput:
    supplier: str
    service: str
    data_categories: list[str]
    country: str
    safeguard: str
    contract_date: dt.date
    audit_due: dt.date
    audit_done: dt.date | None
    findings: str


def _apply(processor: Processor, data: ProcessorInput) -> None:
    processor.supplier = data.supplier.strip()
    processor.service = data.service.strip()
    processor.data_categories = sorted(data.data_categories)
    processor.country = data.country.strip()
    processor.safeguard = data.safeguard
    processor.contract_date = data.contract_date
    processor.audit_due = data.audit_due
    processor.audit_done = data.audit_done
    processor.findings = data.findings.replace("\r\n", "\n").strip()
    processor.updated_at = clock.now()


def processor_create(*, data: ProcessorInput, staff_id: uuid.UUID | str | None) -> Processor:
    """A new register entry. ``staff_id`` None is the system (demo seeding)."""
    with transaction.atomic():
        processor = Processor(created_at=clock.now())
        _apply(processor, data)
        processor.full_clean()
        processor.save(force_insert=True)
        _audit(AuditEventType.BACKOFFICE_PROCESSOR_CREATE, processor, staff_id)
    return processor


def processor_update(
    *, processor_id: int, data: ProcessorInput, staff_id: uuid.UUID | str
) -> Processor:
    with transaction.atomic():
        processor = Processor.objects.select_for_update().get(pk=processor_id)
        _apply(processor, data)
        processor.full_clean()
        processor.save()
        _audit(AuditEventType.BACKOFFICE_PROCESSOR_UPDATE, processor, staff_id)
    return processor


def _audit(event: AuditEventType, processor: Processor, staff_id: uuid.UUID | str | None) -> None:
    audit_record(
        event=event,
        actor=Actor.system() if staff_id is None else Actor.staff(staff_id),
        subject_type="processor",
        subject_id=str(processor.pk),
        data={
            "safeguard": processor.safeguard,
            "audit_overdue": processor.audit_overdue(today=clock.today_in_london()),
        },
    )
