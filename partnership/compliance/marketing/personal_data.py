"""What the data inventory and the retention engine know about marketing exports.

A person's right of access covers the recipients their data went to (UK GDPR Art.
15(1)(c)), so their export lists each marketing export that included them: when, to
which Partnership company, by which channel and with which of their details — never
the other people in it, how many there were, or which staff member made it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import QuerySet

from partnership.compliance.marketing.models import (
    CHANNEL_COLUMNS,
    ExportChannel,
    MarketingExportMember,
)
from partnership.privacy import inventory, retention
from partnership.privacy.inventory import ErasureOutcome, InventoryEntry, LawfulBasis, PersonalField
from partnership.privacy.subjects import DataSubject

CATEGORY = "marketing_exports"
RETENTION_RULE = "marketing-export-members"
# Like the marketing choices that allowed it (``accounts.privacy_records``): kept while
# we might be asked about marketing we sent — past the 12 months in which complaints
# about marketing normally reach the ICO — then deleted. The export's count stays.
RETENTION_PERIOD = dt.timedelta(days=2 * 366)
_BY = {
    ExportChannel.POST: "post",
    ExportChannel.EMAIL: "e-mail",
    ExportChannel.PHONE: "phone",
    ExportChannel.SMS: "text message",
}


def _members(subject: DataSubject) -> QuerySet[MarketingExportMember]:
    if subject.user_id is None:
        return MarketingExportMember.objects.none()
    return MarketingExportMember.objects.filter(customer_id=subject.user_id)


def member_export(subject: DataSubject) -> list[dict[str, Any]]:
    members = _members(subject).select_related("export__recipient")
    return [
        {
            "exported_at": member.export.created_at,
            "recipient": member.export.recipient.company_name,
            "purpose": (
                f"Marketing to you by {_BY[ExportChannel(member.export.channel)]}, "
                "which you had agreed to."
            ),
            "details_shared": list(CHANNEL_COLUMNS[member.export.channel]),
        }
        for member in members.order_by("export__created_at", "export_id")
    ]


def member_erase(subject: DataSubject) -> ErasureOutcome:
    with transaction.atomic():
        ids = [str(pk) for pk in _members(subject).values_list("pk", flat=True)]
        MarketingExportMember.objects.filter(pk__in=ids).delete()
    return ErasureOutcome(erased_ids=tuple(ids))


ENTRY = InventoryEntry(
    model=MarketingExportMember,
    category=CATEGORY,
    description=(
        "Each list of customers who asked for marketing that we gave to a Partnership "
        "company with you in it: when, to which company, by which channel and which of "
        "your details. The file itself is made when our staff send it, and leaves out "
        "anyone who has said no by then."
    ),
    fields=(
        PersonalField(
            "customer",
            "You, by your customer reference",
            "So we can tell you which companies received your details.",
            LawfulBasis.LEGAL_OBLIGATION,
            encrypted=False,
        ),
    ),
    retention_rule=RETENTION_RULE,
    export=member_export,
    erase=member_erase,
)

RULE = retention.TableRule(
    name=RETENTION_RULE,
    description=(
        "Which marketing exports included you: 2 years from each export, then deleted "
        "(the number of customers in it stays, without who they were)."
    ),
    queryset=MarketingExportMember.objects.all,
    aged_by="export__created_at",
    period=RETENTION_PERIOD,
)


def register() -> None:
    inventory.register(ENTRY)
    retention.register(RULE)
