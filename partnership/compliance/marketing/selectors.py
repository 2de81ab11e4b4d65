"""Reads of the marketing-export guard (the self-audit reads these too)."""

from __future__ import annotations

import uuid

from django.db.models import QuerySet

from partnership.compliance.marketing.models import MarketingExport, MarketingRecipient


def recipient_list() -> QuerySet[MarketingRecipient]:
    return MarketingRecipient.objects.order_by("company_name", "pk")


def recipient_get(*, recipient_id: uuid.UUID) -> MarketingRecipient | None:
    """The recipient, or None (the view answers that with a 404)."""
    return MarketingRecipient.objects.filter(pk=recipient_id).first()


def export_list() -> QuerySet[MarketingExport]:
    return MarketingExport.objects.select_related("recipient", "staff_user")


def exports_to_outside_recipients() -> QuerySet[MarketingExport]:
    """Exports whose recipient is not (or is no longer) flagged as a Partnership company."""
    return export_list().filter(recipient__is_partnership_company=False)
