"""Purpose-bound access: a member of staff opens one customer's personal data only
with a live ``AccessGrant`` of their own — a stated reason, good for 30 minutes.

``access.access_grant_live`` is the one way the back office asks "may this person see
this customer now?"; every page that shows the data calls ``customer_view_record``,
which writes the audit event the customer's access history is made from.
"""

from __future__ import annotations

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.db import transaction

from partnership.accounts.models import User
from partnership.accounts.staff_access import SUBJECT_TYPE, AccessReason
from partnership.audit.events import AuditEventType
from partnership.audit.services import Actor, audit_record
from partnership.backoffice import access
from partnership.backoffice.models import AccessGrant
from partnership.core import clock

GRANT_DURATION = dt.timedelta(minutes=30)
# A call or case reference, never free text: it goes into audit-free columns as is.
CASE_REFERENCE = re.compile(r"[A-Za-z0-9-]{0,40}")

# The team each role acts for, as recorded and shown to the customer (first match wins).
ROLE_TEAMS: tuple[tuple[str, str], ...] = (
    (access.CUSTOMER_SERVICE_AGENT, "customer_service"),
    (access.COMPLIANCE_OFFICER, "compliance"),
    (access.MARKETING, "marketing"),
    (access.ADMINISTRATOR, "administration"),
)


def staff_team(*, staff: User) -> str:
    groups = set(staff.groups.values_list("name", flat=True))
    for role, team in ROLE_TEAMS:
        if role in groups:
            return team
    return "administration" if staff.is_superuser else "other"


def access_grant_create(
    *,
    staff: User,
    customer: User,
    reason_category: AccessReason,
    reason_text: str,
    case_reference: str = "",
) -> AccessGrant:
    """Open ``customer`` to ``staff`` for 30 minutes; audited with the reason category."""
    if not CASE_REFERENCE.fullmatch(case_reference):
        raise ValidationError({"case_reference": "Letters, digits and hyphens only."})
    now = clock.now()
    grant = AccessGrant(
        staff=staff,
        customer=customer,
        reason_category=AccessReason(reason_category),
        reason_text=reason_text.strip(),
        case_reference=case_reference,
        team=staff_team(staff=staff),
        created_at=now,
        expires_at=now + GRANT_DURATION,
    )
    grant.full_clean()
    with transaction.atomic():
        grant.save(force_insert=True)
        audit_record(
            event=AuditEventType.STAFF_ACCESS_GRANT,
            actor=Actor.staff(staff.pk),
            subject_type=SUBJECT_TYPE,
            subject_id=str(customer.pk),
            reason=grant.reason_category,
            data={"grant_id": str(grant.pk), "team": grant.team},
        )
    return grant


def customer_view_record(*, grant: AccessGrant, page: str) -> None:
    """One view of the customer's personal data under ``grant`` (``page``: an enum)."""
    audit_record(
        event=AuditEventType.STAFF_CUSTOMER_VIEW,
        actor=Actor.staff(grant.staff_id),
        subject_type=SUBJECT_TYPE,
        subject_id=str(grant.customer_id),
        reason=grant.reason_category,
        data={"grant_id": str(grant.pk), "team": grant.team, "page": page},
    )
