"""Marketing exports (P8): only to Partnership companies, only opted-in customers.

``marketing_export_create`` is the one way an export is made. It refuses — whoever
asks — any recipient not flagged as a Partnership company: the refusal is recorded as
an audit event with its reason, and nothing else is written. An accepted export stores
the recipient, channel, count, staff member, time and one member row per customer (their
id); the file itself is regenerated from those ids when downloaded.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator

from django.core.exceptions import ValidationError
from django.db import transaction

from partnership.accounts.models import MarketingChannel, User
from partnership.audit.events import AuditEventType
from partnership.audit.services import Actor, audit_record
from partnership.backoffice.access import access_marketing_export
from partnership.compliance.marketing.models import (
    CHANNEL_COLUMNS,
    ExportChannel,
    ExportRefusal,
    MarketingExport,
    MarketingExportMember,
    MarketingRecipient,
)
from partnership.core import clock
from partnership.privacy_centre.selectors import marketing_opted_in


class ExportRefused(Exception):
    """The export was refused (and the refusal recorded); ``reason`` says why."""

    def __init__(self, reason: ExportRefusal) -> None:
        super().__init__(reason.label)
        self.reason = reason


def marketing_export_create(
    *, staff_user: User, recipient_id: uuid.UUID | str, channel: str
) -> MarketingExport:
    channel = ExportChannel(channel)
    recipient = _recipient_find(recipient_id)
    refusal = _refusal(staff_user=staff_user, recipient=recipient)
    if refusal is not None or recipient is None:
        reason = refusal or ExportRefusal.UNKNOWN_RECIPIENT
        _refuse(staff_user=staff_user, recipient_id=recipient_id, channel=channel, reason=reason)
        raise ExportRefused(reason)
    with transaction.atomic():
        # Re-read under lock: a flag cleared in the meantime still refuses.
        recipient = MarketingRecipient.objects.select_for_update().get(pk=recipient.pk)
        if not recipient.is_partnership_company:
            transaction.set_rollback(True)
            refused = True
        else:
            refused = False
            ids = list(marketing_opted_in(channel=MarketingChannel(channel.value)))
            export = MarketingExport(
                recipient=recipient,
                channel=channel,
                customer_count=len(ids),
                staff_user=staff_user,
                created_at=clock.now(),
            )
            export.full_clean()
            export.save(force_insert=True)
            MarketingExportMember.objects.bulk_create(
                (MarketingExportMember(export=export, customer_id=pk) for pk in ids),
                batch_size=1000,
            )
            audit_record(
                event=AuditEventType.BACKOFFICE_MARKETING_EXPORT_CREATE,
                actor=Actor.staff(staff_user.pk),
                subject_type="marketing_export",
                subject_id=str(export.pk),
                data={
                    "recipient_id": str(recipient.pk),
                    "channel": channel.value,
                    "customer_count": len(ids),
                },
            )
    if refused:
        reason = ExportRefusal.NOT_PARTNERSHIP
        _refuse(staff_user=staff_user, recipient_id=recipient_id, channel=channel, reason=reason)
        raise ExportRefused(reason)
    return export


def _recipient_find(recipient_id: uuid.UUID | str) -> MarketingRecipient | None:
    try:
        return MarketingRecipient.objects.filter(pk=recipient_id).first()
    except ValidationError:  # not a UUID: no such recipient
        return None


def _refusal(*, staff_user: User, recipient: MarketingRecipient | None) -> ExportRefusal | None:
    if not access_marketing_export(staff_user=staff_user):
        return ExportRefusal.NOT_PERMITTED
    if recipient is None:
        return ExportRefusal.UNKNOWN_RECIPIENT
    if not recipient.is_partnership_company:
        return ExportRefusal.NOT_PARTNERSHIP
    return None


def _refuse(
    *,
    staff_user: User,
    recipient_id: uuid.UUID | str,
    channel: ExportChannel,
    reason: ExportRefusal,
) -> None:
    """The refusal's audit event: the only thing a refused export writes."""
    known = _recipient_find(recipient_id) is not None
    audit_record(
        event=AuditEventType.BACKOFFICE_MARKETING_EXPORT_REFUSED,
        actor=Actor.staff(staff_user.pk),
        subject_type="marketing_recipient" if known else "",
        subject_id=str(recipient_id) if known else "",
        reason=reason.value,
        data={"channel": channel.value},
    )


def marketing_export_download(
    *, staff_user: User, export: MarketingExport
) -> Iterator[tuple[str, ...]]:
    """The export's rows, header first, after checking the recipient still qualifies.

    Customers who have since said no for the channel, or closed their account, are
    left out: consent withdrawn after the export is still honoured.
    """
    recipient = export.recipient
    refusal = _refusal(staff_user=staff_user, recipient=recipient)
    if refusal is not None:
        _refuse(
            staff_user=staff_user,
            recipient_id=recipient.pk,
            channel=ExportChannel(export.channel),
            reason=refusal,
        )
        raise ExportRefused(refusal)
    channel = ExportChannel(export.channel)
    ids = list(
        export.members.filter(
            customer__in=marketing_opted_in(channel=MarketingChannel(channel.value))
        ).values_list("customer_id", flat=True)
    )
    audit_record(
        event=AuditEventType.BACKOFFICE_MARKETING_EXPORT_DOWNLOAD,
        actor=Actor.staff(staff_user.pk),
        subject_type="marketing_export",
        subject_id=str(export.pk),
        data={"channel": channel.value, "customer_count": len(ids)},
    )
    return _rows(channel=channel, ids=ids)


def _rows(*, channel: ExportChannel, ids: list[uuid.UUID]) -> Iterator[tuple[str, ...]]:
    yield CHANNEL_COLUMNS[channel]
    users = User.objects.filter(pk__in=ids).select_related("customer_profile")
    for user in sorted(users, key=lambda found: str(found.pk)):
        profile = getattr(user, "customer_profile", None)
        name = user.full_name or ""
        if channel == ExportChannel.EMAIL:
            yield (name, user.email or "")
        elif channel == ExportChannel.POST:
            yield (
                name,
                (profile.postal_address or "") if profile else "",
                (profile.postcode or "") if profile else "",
            )
        else:
            yield (name, (profile.phone or "") if profile else "")
