"""Writes of the marketing-export guard: recipients and their Partnership flag.

The flag decides whether a company may receive customers' details at all (P8), so
setting it needs its own permission, checked here and not only by the page that
calls this: compliance officers and administrators hold it, marketing staff do not.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.db import transaction

from partnership.audit.events import AuditEventType
from partnership.audit.services import Actor, audit_record
from partnership.compliance.marketing.models import MarketingRecipient
from partnership.core import clock

# Held by the Compliance officer and Administrator roles (backoffice/access.py).
RECIPIENT_PERMISSION = "backoffice.manage_marketing_recipients"


@dataclass(frozen=True)
class RecipientInput:
    company_name: str
    contact: str
    is_partnership_company: bool


def _check_may_manage(staff_user: AbstractBaseUser) -> None:
    if not (staff_user.is_staff and staff_user.has_perm(RECIPIENT_PERMISSION)):  # type: ignore[attr-defined]
        raise PermissionDenied("Only compliance officers and administrators manage recipients.")


def recipient_create(*, staff_user: AbstractBaseUser, data: RecipientInput) -> MarketingRecipient:
    _check_may_manage(staff_user)
    with transaction.atomic():
        recipient = MarketingRecipient(
            company_name=data.company_name.strip(),
            contact=data.contact.strip(),
            is_partnership_company=data.is_partnership_company,
            created_at=clock.now(),
        )
        recipient.full_clean()
        recipient.save(force_insert=True)
        audit_record(
            event=AuditEventType.BACKOFFICE_RECIPIENT_CREATE,
            actor=Actor.staff(staff_user.pk),
            subject_type="marketing_recipient",
            subject_id=str(recipient.pk),
            data={"partnership": recipient.is_partnership_company},
        )
    return recipient


def recipient_update(
    *, staff_user: AbstractBaseUser, recipient_id: uuid.UUID | str, data: RecipientInput
) -> MarketingRecipient:
    """Change the name and contact; a change of the flag gets its own audit event."""
    _check_may_manage(staff_user)
    with transaction.atomic():
        recipient = MarketingRecipient.objects.select_for_update().get(pk=recipient_id)
        old_flag = recipient.is_partnership_company
        recipient.company_name = data.company_name.strip()
        recipient.contact = data.contact.strip()
        recipient.is_partnership_company = data.is_partnership_company
        recipient.full_clean()
        recipient.save()
        if old_flag != recipient.is_partnership_company:
            audit_record(
                event=AuditEventType.BACKOFFICE_RECIPIENT_FLAG_CHANGE,
                actor=Actor.staff(staff_user.pk),
                subject_type="marketing_recipient",
                subject_id=str(recipient.pk),
                data={"old_flag": old_flag, "new_flag": recipient.is_partnership_company},
            )
    return recipient


def recipient_flag_set(
    *, staff_user: AbstractBaseUser, recipient_id: uuid.UUID | str, is_partnership_company: bool
) -> MarketingRecipient:
    """Set the Partnership flag alone (compliance or administrators only; audited)."""
    _check_may_manage(staff_user)
    recipient = MarketingRecipient.objects.get(pk=recipient_id)
    return recipient_update(
        staff_user=staff_user,
        recipient_id=recipient.pk,
        data=RecipientInput(
            company_name=recipient.company_name,
            contact=recipient.contact,
            is_partnership_company=is_partnership_company,
        ),
    )
