"""Receipts of marketing choices (issue 18): one JSON document per recorded answer.

The same shape as a cookie consent receipt (``consent/receipts.py``): what was chosen,
when, how, under which privacy policy version and how to withdraw; nothing about the
customer beyond the record itself. Only its owner can open it (the view answers
anyone else's with 404).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

from partnership.accounts.models import MarketingConsent, User
from partnership.core import clock
from partnership.policy.models import PolicyVersion

WITHDRAW = (
    "Change or withdraw this choice at any time in your privacy centre, "
    "/account/privacy/marketing/, or by calling us; a new answer replaces this one."
)


def marketing_receipt_get(*, user: User, record_id: int) -> MarketingConsent | None:
    return MarketingConsent.objects.filter(pk=record_id, user=user).first()


def _policy_number(record: MarketingConsent) -> int | None:
    day = record.recorded_at.astimezone(clock.LONDON).date()
    version = PolicyVersion.objects.filter(effective_from__lte=day).order_by("-number").first()
    return version.number if version else None


def marketing_receipt_document(record: MarketingConsent) -> dict[str, Any]:
    return {
        "receipt_id": f"marketing-{record.pk}",
        "controller": {
            "name": settings.BRAND["issuer_name"],
            "address": settings.CONTROLLER_ADDRESS,
            "data_protection_officer": settings.DPO_EMAIL,
        },
        "time": record.recorded_at.isoformat(),
        "purposes": [
            {
                "purpose": "marketing",
                "description": f"Marketing from us by {record.get_channel_display()}",
                "channel": record.channel,
                "choice": "granted" if record.granted else "refused",
                "consented": record.granted,
            }
        ],
        "policy_version": _policy_number(record),
        "cookie_registry_revision": None,
        "how_given": record.source,
        "how_given_description": record.get_source_display(),
        "how_to_withdraw": WITHDRAW,
    }
