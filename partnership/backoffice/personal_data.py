"""What the data inventory and the retention engine know about the back office's own
tables: the call log and the access grants."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import transaction

from partnership.accounts.staff_access import STAFF_TEAMS, AccessReason
from partnership.backoffice.models import AccessGrant, CallRecord
from partnership.privacy import inventory, retention
from partnership.privacy.inventory import ErasureOutcome, InventoryEntry, LawfulBasis, PersonalField
from partnership.privacy.subjects import DataSubject

CALLS_RULE = "call-records"
GRANTS_RULE = "staff-access-grants"
# Grants are evidence of why staff looked; the audit event (category, grant id) stays
# with the audit log, the encrypted free text goes after a year: enough for a complaint
# about an access to be raised and investigated.
GRANT_RETENTION = dt.timedelta(days=366)


def call_retention() -> dt.timedelta:
    return dt.timedelta(days=settings.CALL_RECORD_RETENTION_DAYS)


def call_export(subject: DataSubject) -> list[dict[str, Any]]:
    if subject.user_id is None:
        return []
    return [
        {
            "occurred_at": call.occurred_at,
            "direction": call.direction,
            "reason": call.reason,
            "recorded": call.recorded,
            "recording_reference": call.recording_reference,
            "card_payment": call.card_payment,
            "recording_paused_for_security_code": call.recording_paused_for_security_code,
            "notes": call.notes,
        }
        for call in CallRecord.objects.filter(customer_id=subject.user_id).order_by("occurred_at")
    ]


def call_erase(subject: DataSubject) -> ErasureOutcome:
    if subject.user_id is None:
        return ErasureOutcome()
    with transaction.atomic():
        ids = [
            str(pk)
            for pk in CallRecord.objects.filter(customer_id=subject.user_id).values_list(
                "pk", flat=True
            )
        ]
        CallRecord.objects.filter(pk__in=ids).delete()
    return ErasureOutcome(erased_ids=tuple(ids))


def grant_export(subject: DataSubject) -> list[dict[str, Any]]:
    """When, which team and why — not who, nor the free text (``accounts.staff_access``)."""
    if subject.user_id is None:
        return []
    return [
        {
            "opened_at": grant.created_at,
            "team": STAFF_TEAMS.get(grant.team, "Our staff"),
            "reason": AccessReason(grant.reason_category).label,
        }
        for grant in AccessGrant.objects.filter(customer_id=subject.user_id).order_by("created_at")
    ]


def grant_erase(subject: DataSubject) -> ErasureOutcome:
    if subject.user_id is None:
        return ErasureOutcome()
    with transaction.atomic():
        grants = AccessGrant.objects.filter(customer_id=subject.user_id)
        ids = [str(pk) for pk in grants.values_list("pk", flat=True)]
        AccessGrant.objects.filter(pk__in=ids).delete()
    return ErasureOutcome(erased_ids=tuple(ids))


_SERVICE = LawfulBasis.LEGITIMATE_INTERESTS
ENTRIES = (
    InventoryEntry(
        model=CallRecord,
        category="call_records",
        description=(
            "A note of each phone call with us: when, which way, what about, whether it "
            "was recorded (and the recording's reference), and the agent's notes."
        ),
        fields=(
            PersonalField(
                "notes",
                "Call notes",
                "So whoever helps you next knows what was said.",
                _SERVICE,
                encrypted=True,
            ),
            PersonalField(
                "recording_reference",
                "Recording reference",
                "To find the recording if you or we need to hear it again.",
                _SERVICE,
                encrypted=False,
            ),
            PersonalField(
                "reason",
                "What the call was about",
                "To route and review calls.",
                _SERVICE,
                encrypted=False,
            ),
        ),
        retention_rule=CALLS_RULE,
        export=call_export,
        erase=call_erase,
    ),
    InventoryEntry(
        model=AccessGrant,
        category="staff_access",
        description=("Each time our staff opened your personal data: when, which team and why."),
        fields=(
            PersonalField(
                "reason_text",
                "The staff member's note of why",
                "So compliance can check every look at your data had a reason.",
                LawfulBasis.LEGAL_OBLIGATION,
                encrypted=True,
            ),
            PersonalField(
                "reason_category",
                "Why, as a category",
                "Shown to you in your privacy centre.",
                LawfulBasis.LEGAL_OBLIGATION,
                encrypted=False,
            ),
        ),
        retention_rule=GRANTS_RULE,
        export=grant_export,
        erase=grant_erase,
    ),
)

RULES = (
    retention.TableRule(
        name=CALLS_RULE,
        description=(
            "Call notes and recording references are deleted after the period set by "
            "CALL_RECORD_RETENTION_DAYS (2 years by default) from the call."
        ),
        queryset=CallRecord.objects.all,
        aged_by="occurred_at",
        period=call_retention,
    ),
    retention.TableRule(
        name=GRANTS_RULE,
        description="Staff access grants (with the note of why) are deleted after a year.",
        queryset=AccessGrant.objects.all,
        aged_by="created_at",
        period=GRANT_RETENTION,
    ),
)


def register() -> None:
    for entry in ENTRIES:
        inventory.register(entry)
    for rule in RULES:
        retention.register(rule)
