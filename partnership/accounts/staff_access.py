"""Staff access to a customer's data, as the customer sees it (DESIGN P6).

The back office writes one audit event per view of a customer's personal data
(``staff:customer:view``), holding the reason category, the grant's id and the
team (role) of the member of staff — never their name. This module owns the
vocabulary both sides share (``accounts`` sits left of ``backoffice``) and reads
the history back for the privacy centre.

What the customer is told: when, which team, and the reason category. Not the
person: staff are named to compliance through the grant, not to customers, so a
customer cannot single out or pressure one employee. Not the free-text reason: it
may mention other people (a caller's relative, a fraud suspect), whose data the
customer has no right to (DPA 2018 Sch. 2 para. 16).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import models

from partnership.audit.events import AuditEventType
from partnership.audit.selectors import audit_events_for_subject

SUBJECT_TYPE = "customer"
OTHER_TEAM = "Our staff"


class AccessReason(models.TextChoices):
    CUSTOMER_CALL = "customer_call", "You contacted us"
    PAYMENT_OR_BALANCE = "payment_or_balance", "A question about a payment or your balance"
    FRAUD_CHECK = "fraud_check", "Checking for fraud on your account"
    COMPLAINT = "complaint", "Handling a complaint"
    RIGHTS_REQUEST = "rights_request", "A request about your personal data"
    CORRECTION = "correction", "Correcting your details"


# Role slug (recorded in the audit event) -> the team name customers see.
STAFF_TEAMS: dict[str, str] = {
    "customer_service": "Customer service",
    "compliance": "Compliance",
    "marketing": "Marketing",
    "administration": "Administration",
}


@dataclass(frozen=True)
class StaffAccess:
    occurred_at: dt.datetime
    team: str
    reason: str


def staff_access_history(*, user_id: str) -> list[StaffAccess]:
    """Each staff view of this customer's personal data, newest first."""
    events = audit_events_for_subject(subject_type=SUBJECT_TYPE, subject_id=user_id).filter(
        event=AuditEventType.STAFF_CUSTOMER_VIEW
    )
    return [
        StaffAccess(
            occurred_at=event.occurred_at,
            team=STAFF_TEAMS.get(str(event.data.get("team", "")), OTHER_TEAM),
            reason=_reason_label(event.reason),
        )
        for event in events
    ]


def _reason_label(value: str) -> str:
    try:
        return str(AccessReason(value).label)
    except ValueError:
        return "Another reason"
