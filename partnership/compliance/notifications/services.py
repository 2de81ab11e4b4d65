"""Recording Art. 19 notifications, and handing a notice to staff to send.

``notify_recipients`` is the listener ``privacy.recipients`` calls inside the
transaction of a correction, erasure or restriction, before it is written: every
marketing export that included the person, and every processor holding one of the
categories concerned, gets one notification with its notice, each audited by id.
"""

from __future__ import annotations

import uuid

from django.db import transaction

from partnership.audit.events import AuditEventType
from partnership.audit.services import Actor, audit_record
from partnership.compliance.marketing.models import (
    CHANNEL_COLUMNS,
    MarketingExportMember,
)
from partnership.compliance.notifications.models import RecipientKind, RecipientNotification
from partnership.compliance.notifications.notice import notice_text
from partnership.compliance.processing.activities import PROCESSOR_KIND
from partnership.compliance.processing.record import processors_holding
from partnership.compliance.processors.models import DataCategory, Processor
from partnership.core import clock
from partnership.privacy.recipients import ChangeKind, DataChange, identifier_for

# What a marketing export gives a company: a correction elsewhere does not concern it.
MARKETING_CATEGORIES = frozenset({"identity", "contact_details", "marketing_exports"})
NO_IDENTIFIER = "(we no longer hold the detail you received; please ask us quoting our reference)"


def _record(
    *,
    change: DataChange,
    user_id: uuid.UUID,
    kind: RecipientKind,
    recipient_id: str,
    name: str,
    contact: str,
    identifier: str,
    data: list[str],
    how_given: str,
    export_id: int | None = None,
) -> RecipientNotification:
    notification = RecipientNotification(
        user_id=user_id,
        change=change.kind.value,
        categories=list(change.categories),
        recipient_kind=kind,
        recipient_id=recipient_id,
        recipient_name=name,
        recipient_contact=contact,
        export_id=export_id,
        created_at=clock.now(),
    )
    notification.notice = notice_text(
        reference=str(notification.pk),
        change=change.kind,
        recipient_kind=kind,
        recipient_name=name,
        identifier=identifier,
        data=data,
        how_given=how_given,
        on=clock.today_in_london(),
    )
    notification.full_clean()
    notification.save(force_insert=True)
    audit_record(
        event=AuditEventType.COMPLIANCE_RECIPIENT_NOTIFY,
        actor=Actor.system(),
        subject_type="recipient-notification",
        subject_id=str(notification.pk),
        data={"change": change.kind.value, "recipient_kind": kind.value},
    )
    return notification


def _marketing(change: DataChange, user_id: uuid.UUID) -> list[RecipientNotification]:
    if change.kind == ChangeKind.CORRECTION and not MARKETING_CATEGORIES & set(change.categories):
        return []
    members = MarketingExportMember.objects.filter(customer_id=user_id).select_related(
        "export__recipient"
    )
    made = []
    for member in members.order_by("export__created_at", "export_id"):
        export = member.export
        identifier = identifier_for(export.channel, change.subject) or NO_IDENTIFIER
        made.append(
            _record(
                change=change,
                user_id=user_id,
                kind=RecipientKind.MARKETING,
                recipient_id=str(export.recipient_id),
                name=export.recipient.company_name,
                contact=export.recipient.contact,
                identifier=identifier,
                data=list(CHANNEL_COLUMNS[export.channel]),
                how_given=(
                    f"in our marketing export number {export.pk} of "
                    f"{export.created_at.astimezone(clock.LONDON).date().isoformat()}"
                ),
                export_id=export.pk,
            )
        )
    return made


def _processor_data(processor: Processor, categories: tuple[str, ...]) -> list[str]:
    labels = dict(DataCategory.choices)
    kinds = [PROCESSOR_KIND[c] for c in categories if c in PROCESSOR_KIND]
    held = [kind for kind in dict.fromkeys(kinds) if kind in processor.data_categories]
    return [str(labels[kind]) for kind in held]


def _processors(change: DataChange, user_id: uuid.UUID) -> list[RecipientNotification]:
    return [
        _record(
            change=change,
            user_id=user_id,
            kind=RecipientKind.PROCESSOR,
            recipient_id=str(processor.pk),
            name=processor.supplier,
            contact="",
            identifier=f"our customer reference {user_id}",
            data=_processor_data(processor, change.categories),
            how_given=f"as our processor ({processor.service})",
        )
        for processor in processors_holding(change.categories)
    ]


def notify_recipients(change: DataChange) -> None:
    """Record a notification for every recipient of this person's data concerned."""
    user_id = change.subject.user_id
    if user_id is None:
        return  # disclosures are recorded for customers only (by user id)
    with transaction.atomic():
        _marketing(change, user_id)
        _processors(change, user_id)


def notice_download(*, notification_id: uuid.UUID, staff_id: uuid.UUID) -> RecipientNotification:
    """The notice, marked as handed to staff to send (first time kept); audited by id."""
    with transaction.atomic():
        notification = RecipientNotification.objects.select_for_update().get(pk=notification_id)
        if notification.downloaded_at is None:
            notification.downloaded_at = clock.now()
            notification.save(update_fields=["downloaded_at"])
        audit_record(
            event=AuditEventType.COMPLIANCE_RECIPIENT_NOTICE_DOWNLOAD,
            actor=Actor.staff(staff_id),
            subject_type="recipient-notification",
            subject_id=str(notification.pk),
            data={"recipient_kind": notification.recipient_kind},
        )
    return notification
