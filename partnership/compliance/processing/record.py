"""The record of processing activities, built from the registries on each call.

Nothing here is typed in twice: the lawful bases, the data, the retention periods and
the security measures come from the data inventory and the retention rules; recipients
and transfers from the processor register and the marketing recipients; cookies from the
cookie registry. ``activities.py`` only says which of them belong together.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from django.conf import settings

from partnership.compliance.marketing.models import MarketingRecipient
from partnership.compliance.processing.activities import ACTIVITIES, PROCESSOR_KIND, Activity
from partnership.compliance.processors.models import DataCategory, Processor, TransferSafeguard
from partnership.consent import cookies
from partnership.privacy import inventory
from partnership.privacy.retention import rules

COMMON_MEASURES = (
    "TLS with HSTS for every connection",
    "Role-based staff access with a stated reason for each customer opened",
    "Tamper-evident, hash-chained audit log with signed checkpoints",
    "Automatic deletion when the retention period ends",
)


def controller() -> dict[str, str]:
    """The controller's and the data-protection officer's contact details (settings)."""
    return {
        "name": settings.BRAND["issuer_name"],
        "address": settings.CONTROLLER_ADDRESS,
        "telephone": settings.BRAND["helpline"],
        "dpo_name": "Data Protection Officer",
        "dpo_email": settings.DPO_EMAIL,
        "dpo_address": settings.CONTROLLER_ADDRESS,
    }


def processors_holding(categories: tuple[str, ...]) -> list[Processor]:
    """Processors whose register entry declares a kind of data these categories are."""
    kinds = {PROCESSOR_KIND[category] for category in categories if category in PROCESSOR_KIND}
    return [
        processor
        for processor in Processor.objects.order_by("service", "supplier", "pk")
        if kinds & set(processor.data_categories)
    ]


def _entry_rows(activity: Activity) -> list[inventory.InventoryEntry]:
    return [inventory.entry_for_category(category) for category in activity.categories]


def _lawful_bases(entries: list[inventory.InventoryEntry], activity: Activity) -> list[str]:
    found = {field.lawful_basis for entry in entries for field in entry.fields}
    found |= set(activity.extra_bases)
    return [f"{basis.label} ({basis.article})" for basis in inventory.LawfulBasis if basis in found]


def _retention(entries: list[inventory.InventoryEntry], activity: Activity) -> list[dict[str, str]]:
    names = [entry.retention_rule for entry in entries] + list(activity.extra_rules)
    unique = list(dict.fromkeys(names))
    return [{"rule": name, "period": rules.RULES[name].description} for name in unique]


def _measures(entries: list[inventory.InventoryEntry]) -> list[str]:
    encrypted = sorted({f.label for entry in entries for f in entry.fields if f.encrypted})
    measures = list(COMMON_MEASURES)
    if encrypted:
        measures.insert(
            0, "Encrypted at rest field by field (AES-256-GCM): " + ", ".join(encrypted)
        )
    return measures


def _recipients(activity: Activity, holding: list[Processor]) -> list[dict[str, str]]:
    found = [
        {"kind": "processor", "name": p.supplier, "service": p.service, "country": p.country}
        for p in holding
    ]
    if activity.partnership_recipients:
        partnership = MarketingRecipient.objects.filter(is_partnership_company=True)
        found += [
            {"kind": "partnership_company", "name": r.company_name, "service": "Marketing"}
            for r in partnership.order_by("company_name")
        ]
    return found


def _transfers(holding: list[Processor]) -> list[dict[str, str]]:
    return [
        {
            "recipient": p.supplier,
            "country": p.country,
            "safeguard": TransferSafeguard(p.safeguard).label,
        }
        for p in holding
        if p.safeguard != TransferSafeguard.UK
    ]


def activity_record(activity: Activity) -> dict[str, Any]:
    entries = _entry_rows(activity)
    holding = processors_holding(activity.categories)
    by_name = {declaration.name_base: declaration for declaration in cookies.declared()}
    return {
        "name": activity.name,
        "purpose": activity.purpose,
        "lawful_bases": _lawful_bases(entries, activity),
        "people": list(activity.people),
        "data_categories": [
            {
                "category": e.category,
                "description": e.description,
                "fields": [f.label for f in e.fields],
            }
            for e in entries
        ],
        "cookies": [
            {"name": by_name[base].name, "category": str(by_name[base].category)}
            for base in activity.cookies
        ],
        "recipients": _recipients(activity, holding),
        "transfers_outside_uk": _transfers(holding),
        "retention": _retention(entries, activity),
        "security_measures": _measures(entries),
    }


def processing_record() -> dict[str, Any]:
    """The whole record: the controller, then one entry per activity."""
    return {
        "controller": controller(),
        "processor_data_kinds": dict(DataCategory.choices),
        "activities": [activity_record(activity) for activity in ACTIVITIES],
    }


CSV_COLUMNS = (
    "activity",
    "purpose",
    "lawful_bases",
    "people",
    "data_categories",
    "recipients",
    "transfers_outside_uk",
    "retention",
    "security_measures",
    "controller",
    "dpo_email",
)


def _cell(value: str) -> str:
    """A spreadsheet must not read a cell as a formula (supplier names are typed in)."""
    return "'" + value if value[:1] in {"=", "+", "-", "@", "\t", "\r"} else value


def processing_record_csv() -> str:
    """One row per activity; lists joined with "; "."""
    record = processing_record()
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for activity in record["activities"]:
        row = [
            activity["name"],
            activity["purpose"],
            "; ".join(activity["lawful_bases"]),
            "; ".join(activity["people"]),
            "; ".join(item["category"] for item in activity["data_categories"]),
            "; ".join(item["name"] for item in activity["recipients"]),
            "; ".join(
                f"{t['recipient']} ({t['country']}, {t['safeguard']})"
                for t in activity["transfers_outside_uk"]
            ),
            "; ".join(f"{r['rule']}: {r['period']}" for r in activity["retention"]),
            "; ".join(activity["security_measures"]),
            record["controller"]["name"],
            record["controller"]["dpo_email"],
        ]
        writer.writerow([_cell(value) for value in row])
    return buffer.getvalue()
