from __future__ import annotations

from django.core.management import call_command
from django.core.management.base import CommandError

from partnership.audit.events import AuditEventType
from partnership.audit.models import AuditEvent
from partnership.audit.services import Actor, audit_record


def append(count: int) -> list[AuditEvent]:
    return [
        audit_record(
            event=AuditEventType.PRIVACY_POLICY_PUBLISH,
            actor=Actor.system(),
            subject_type="policy_version",
            subject_id=str(number),
            data={"number": number},
        )
        for number in range(1, count + 1)
    ]


def run_command(*args: str) -> tuple[int, str, str]:
    """(exit status, stdout, stderr) of a management command run in-process."""
    from io import StringIO

    out, err = StringIO(), StringIO()
    try:
        call_command(*args, stdout=out, stderr=err)
    except CommandError as exc:
        return exc.returncode, out.getvalue(), err.getvalue() + str(exc)
    return 0, out.getvalue(), err.getvalue()
