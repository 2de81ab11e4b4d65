"""Factories for the marketing-export and processor-register tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from partnership.accounts.models import User
from partnership.compliance.marketing.models import MarketingExport, MarketingRecipient
from partnership.compliance.processors.models import DataCategory, Processor, TransferSafeguard
from partnership.core import clock


def recipient_make(
    company_name: str = "Harbourline Home Ltd", *, partnership: bool = True
) -> MarketingRecipient:
    recipient = MarketingRecipient(
        company_name=company_name,
        contact="marketing@harbourline.test",
        is_partnership_company=partnership,
        created_at=clock.now(),
    )
    recipient.full_clean()
    recipient.save(force_insert=True)
    return recipient


def export_make(
    *, staff_user: User, recipient: MarketingRecipient | None = None
) -> MarketingExport:
    return MarketingExport.objects.create(
        recipient=recipient or recipient_make(),
        channel="email",
        customer_count=0,
        staff_user=staff_user,
        created_at=clock.now(),
    )


def processor_make(**overrides: Any) -> Processor:
    today = clock.today_in_london()
    fields: dict[str, Any] = {
        "supplier": "Cardforge Printing Ltd",
        "service": "Card printing",
        "data_categories": [DataCategory.CONTACT.value, DataCategory.IDENTITY.value],
        "country": "United Kingdom",
        "safeguard": TransferSafeguard.UK.value,
        "contract_date": today - dt.timedelta(days=400),
        "audit_due": today + dt.timedelta(days=30),
        "audit_done": None,
        "findings": "",
        "created_at": clock.now(),
        "updated_at": clock.now(),
    }
    fields.update(overrides)
    processor = Processor(**fields)
    processor.full_clean()
    processor.save(force_insert=True)
    return processor
