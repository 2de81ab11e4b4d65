"""Demo processors: the suppliers a UK card issuer typically uses."""

from __future__ import annotations

import datetime as dt

from partnership.compliance.processors.models import DataCategory, Processor, TransferSafeguard
from partnership.compliance.processors.services import ProcessorInput, processor_create
from partnership.core import clock

# supplier, service, categories, country, safeguard, audit due (days from today), done
DEMO_PROCESSORS: tuple[tuple[str, str, tuple[str, ...], str, str, int, int | None], ...] = (
    (
        "Northgate Credit Data Ltd",
        "Credit reference agency",
        (DataCategory.IDENTITY, DataCategory.CONTACT, DataCategory.CREDIT_CHECK),
        "United Kingdom",
        TransferSafeguard.UK,
        120,
        -245,
    ),
    (
        "Cardforge Printing Ltd",
        "Card printing and dispatch",
        (DataCategory.IDENTITY, DataCategory.CONTACT),
        "United Kingdom",
        TransferSafeguard.UK,
        30,
        None,
    ),
    (
        "Riverside Mailing Services Ltd",
        "Mailing house (statements and letters)",
        (DataCategory.IDENTITY, DataCategory.CONTACT, DataCategory.CARD_ACCOUNT),
        "United Kingdom",
        TransferSafeguard.UK,
        200,
        -165,
    ),
    (
        "Eurocloud Hosting SA",
        "Cloud hosting",
        tuple(DataCategory),
        "Ireland",
        TransferSafeguard.ADEQUACY,
        90,
        -275,
    ),
)


def seed_processors() -> list[str]:
    if Processor.objects.exists():
        return []
    today = clock.today_in_london()
    for supplier, service, categories, country, safeguard, due, done in DEMO_PROCESSORS:
        processor_create(
            data=ProcessorInput(
                supplier=supplier,
                service=service,
                data_categories=[str(category) for category in categories],
                country=country,
                safeguard=str(safeguard),
                contract_date=today - dt.timedelta(days=400),
                audit_due=today + dt.timedelta(days=due),
                audit_done=None if done is None else today + dt.timedelta(days=done),
                findings="",
            ),
            staff_id=None,
        )
    return [f"Processor register: {len(DEMO_PROCESSORS)} suppliers."]
