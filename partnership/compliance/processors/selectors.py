"""Reads of the processor register: the staff list, overdue audits, the public table."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import F, Q, QuerySet

from partnership.compliance.processors.models import DataCategory, Processor, TransferSafeguard
from partnership.core import clock


def processor_list() -> QuerySet[Processor]:
    return Processor.objects.order_by("service", "supplier", "pk")


def processor_get(*, processor_id: int) -> Processor | None:
    """The processor, or None (the view answers that with a 404)."""
    return Processor.objects.filter(pk=processor_id).first()


def processors_audit_overdue(*, today: dt.date | None = None) -> QuerySet[Processor]:
    """Audit due before today and not done on or after the due date (Europe/London days)."""
    today = today or clock.today_in_london()
    return processor_list().filter(
        Q(audit_done__isnull=True) | Q(audit_done__lt=F("audit_due")), audit_due__lt=today
    )


def processor_public_rows() -> list[dict[str, Any]]:
    """The columns the privacy notice publishes: what is done, with what, where, how safe.

    Supplier names, contract dates and audit findings stay internal.
    """
    labels = dict(DataCategory.choices)
    return [
        {
            "service": processor.service,
            "data_categories": [labels[value] for value in processor.data_categories],
            "location": processor.country,
            "safeguard": TransferSafeguard(processor.safeguard).label,
        }
        for processor in processor_list()
    ]
