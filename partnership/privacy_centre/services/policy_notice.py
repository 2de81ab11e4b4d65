"""Telling customers at sign-in that the privacy policy changed (DESIGN P13).

``User.policy_version_seen`` is the number of the latest version shown to the person
(and ``policy_seen_at`` when). A customer is shown the version in force once, after
the second sign-in step, when it is newer than the one they last saw. A new customer
is given the version in force at account creation without an interstitial: they
read it when they applied (``user_create`` records it).
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q

from partnership.accounts.models import User
from partnership.audit.events import AuditEventType
from partnership.audit.services import Actor, audit_record
from partnership.core import clock
from partnership.policy.models import PolicyVersion
from partnership.policy.selectors import policy_in_force


def policy_notice_due(*, user: User) -> PolicyVersion | None:
    """The version to show ``user`` now, or None (staff never; nothing new)."""
    if user.is_staff:
        return None
    version = policy_in_force()
    if version is None:
        return None
    seen = user.policy_version_seen
    return version if seen is None or seen < version.number else None


@transaction.atomic
def policy_notice_record(*, user: User, version: PolicyVersion) -> bool:
    """Record that ``version`` was shown to ``user``; False when it already was (or a
    newer one), so the event is written once per version."""
    now = clock.now()
    updated = (
        User.objects.filter(pk=user.pk)
        .filter(Q(policy_version_seen__isnull=True) | Q(policy_version_seen__lt=version.number))
        .update(policy_version_seen=version.number, policy_seen_at=now)
    )
    if not updated:
        return False
    user.policy_version_seen, user.policy_seen_at = version.number, now
    audit_record(
        event=AuditEventType.ACCOUNT_POLICY_NOTICE_SHOW,
        actor=Actor.customer(user.pk),
        subject_type="user",
        subject_id=str(user.pk),
        data={"version": version.number},
    )
    return True
