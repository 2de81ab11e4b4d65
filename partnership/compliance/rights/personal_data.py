"""What the data inventory and the retention engine know about rights requests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet

from partnership.compliance.rights.models import (
    EMAIL_INDEX_PURPOSE,
    RightsRequest,
    RightsRequestStatus,
)
from partnership.privacy import inventory, retention
from partnership.privacy.erase_rows import erase_unless_held
from partnership.privacy.inventory import (
    ErasureOutcome,
    InventoryEntry,
    LawfulBasis,
    LegalHold,
    PersonalField,
)
from partnership.privacy.subjects import DataSubject

CATEGORY = "rights_requests"
RETENTION_RULE = "rights-requests"
# The record that we answered a request is our evidence of compliance (UK GDPR Art.
# 5(2)); three years after closing matches the ICO's complaint window comfortably.
RETENTION_PERIOD = dt.timedelta(days=3 * 365 + 1)

HOLD_OPEN = LegalHold(
    name="ukgdpr-art12-open-request",
    law="UK GDPR Art. 12(3) (answering a request within the time allowed)",
    period="until we have answered the request",
)

_BASIS = LawfulBasis.LEGAL_OBLIGATION
FIELDS = (
    PersonalField("kind", "What you asked", "To know which right you used.", _BASIS, False),
    PersonalField(
        "user_id", "Your account", "To act on the right person's records.", _BASIS, False
    ),
    PersonalField(
        "email_index",
        "Your e-mail address (as a keyed code)",
        "To find your request when you have no account.",
        _BASIS,
        False,
    ),
    PersonalField(
        "related_id",
        "What it is about",
        "To know which decision or record you asked about.",
        _BASIS,
        False,
    ),
    PersonalField(
        "details", "What you told us", "To consider what you said.", _BASIS, encrypted=True
    ),
    PersonalField(
        "extension_reason",
        "Why we needed longer",
        "To show why we extended the time to answer.",
        _BASIS,
        encrypted=True,
    ),
)


def _for_subject(subject: DataSubject) -> QuerySet[RightsRequest]:
    who = Q(email_index=subject.email_index(purpose=EMAIL_INDEX_PURPOSE))
    if subject.user_id is not None:
        who |= Q(user_id=subject.user_id)
    return RightsRequest.objects.filter(who).order_by("received_at")


def rights_request_export(subject: DataSubject) -> list[dict[str, Any]]:
    return [
        {
            "id": request.pk,
            "kind": request.kind,
            "received_at": request.received_at,
            "status": request.status,
            "about": f"{request.related_type} {request.related_id}".strip(),
            "details": request.details,
            "closed_at": request.closed_at,
            "due_on": request.due_on,
            "extension_months": request.extension_months,
            "extension_reason": request.extension_reason,
        }
        for request in _for_subject(subject)
    ]


def rights_request_erase(subject: DataSubject) -> ErasureOutcome:
    return erase_unless_held(
        _for_subject(subject).select_for_update(),
        lambda request: None if request.status == RightsRequestStatus.CLOSED else HOLD_OPEN,
    )


def rights_requests_not_held(queryset: QuerySet[Any]) -> QuerySet[Any]:
    return queryset.filter(status=RightsRequestStatus.CLOSED)


ENTRY = InventoryEntry(
    model=RightsRequest,
    category=CATEGORY,
    description=(
        "Requests you made under your data-protection rights, such as asking for a person "
        "to review an automated decision, and how far we have got with each."
    ),
    fields=FIELDS,
    retention_rule=RETENTION_RULE,
    legal_holds=(HOLD_OPEN,),
    export=rights_request_export,
    erase=rights_request_erase,
)

RULE = retention.TableRule(
    name=RETENTION_RULE,
    description=(
        "3 years from the day we receive a request, as evidence that we answered it, "
        "then deleted; never while it is still open."
    ),
    queryset=RightsRequest.objects.all,
    aged_by="received_at",
    period=RETENTION_PERIOD,
    exclude_held=rights_requests_not_held,
)


def register() -> None:
    inventory.register(ENTRY)
    retention.register(RULE)
