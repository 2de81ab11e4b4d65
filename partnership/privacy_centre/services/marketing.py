"""Marketing choices per channel: off unless the customer said yes, every change kept.

Each change is a new ``MarketingConsent`` row (channel, yes/no, when, where it was
given); the current state of a channel is its latest row, and no row means no. The
history is the proof of consent UK GDPR Art. 7(1) and PECR reg. 22 ask for.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.db import transaction

from partnership.accounts.models import MarketingChannel, MarketingConsent, MarketingSource, User
from partnership.audit.events import AuditEventType
from partnership.audit.services import Actor, audit_record
from partnership.core import clock
from partnership.privacy_centre.selectors import marketing_choices_current


@transaction.atomic
def marketing_choices_record(
    *,
    user: User,
    choices: Mapping[MarketingChannel, bool],
    source: MarketingSource,
    actor: Actor,
) -> list[MarketingChannel]:
    """Record the channels whose answer changed; return them (none: nothing written).

    Saying again what is already recorded writes nothing, so a double submission
    leaves one record.
    """
    if user.is_staff:
        raise ValueError("staff have no marketing choices")
    # Serialises two submissions for the same person (SQLite: the IMMEDIATE write
    # lock; PostgreSQL: the row lock), so both cannot see the same "before".
    User.objects.select_for_update().filter(pk=user.pk).first()
    current = marketing_choices_current(user=user)
    now = clock.now()
    changed = [
        channel
        for channel in MarketingChannel
        if channel in choices and bool(choices[channel]) != current[channel]
    ]
    for channel in changed:
        record = MarketingConsent(
            user=user,
            channel=channel,
            granted=bool(choices[channel]),
            recorded_at=now,
            source=MarketingSource(source),
        )
        record.full_clean()
        record.save()
    if changed:
        audit_record(
            event=AuditEventType.ACCOUNT_MARKETING_UPDATE,
            actor=actor,
            subject_type="user",
            subject_id=str(user.pk),
            reason=MarketingSource(source).value,
            data={f"{channel.value}": bool(choices[channel]) for channel in changed},
        )
    return changed
