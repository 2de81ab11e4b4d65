from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from partnership.audit.events import AuditEventType
from partnership.audit.services import Actor, audit_record
from partnership.core import clock
from partnership.core.markdown import markdown_render
from partnership.policy.models import PolicyVersion
from partnership.policy.notice import notice_render, notice_snapshot


def policy_publish(
    *, summary: str, body: str, effective_from: dt.date, actor: Actor | None = None
) -> PolicyVersion:
    """Publish the next version of the privacy policy. It can never be changed after.

    The generated tables (cookies, retention) are rendered now from the running
    configuration and frozen into the version with the cookie registry's revision.
    """
    snapshot = notice_snapshot()
    with transaction.atomic():
        latest = PolicyVersion.objects.select_for_update().order_by("-number").first()
        if latest is not None and effective_from < latest.effective_from:
            raise ValidationError(
                {"effective_from": "A new version cannot take effect before the one it follows."}
            )
        number = (PolicyVersion.objects.aggregate(Max("number"))["number__max"] or 0) + 1
        version = PolicyVersion(
            number=number,
            effective_from=effective_from,
            summary=summary.strip(),
            body=body.strip() + "\n",
            body_html=markdown_render(body=body),
            published_at=clock.now(),
            tables_html=notice_render(snapshot),
            tables_snapshot=snapshot,
            registry_revision=snapshot["registry_revision"],
        )
        version.full_clean()
        version.save(force_insert=True)
        audit_record(
            event=AuditEventType.PRIVACY_POLICY_PUBLISH,
            actor=actor or Actor.system(),
            subject_type="privacy.policy_version",
            subject_id=str(version.number),
            data={
                "effective_from": effective_from.isoformat(),
                "registry_revision": snapshot["registry_revision"],
            },
        )
    return version
