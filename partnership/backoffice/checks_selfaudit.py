"""Self-audit checks of the back office (P6, P14), registered from
BackofficeConfig.ready() (partnership/core/selfaudit.py)."""

from __future__ import annotations

import datetime as dt

from partnership.accounts.staff_access import AccessReason
from partnership.audit.events import AuditEventType
from partnership.audit.models import AuditEvent
from partnership.backoffice.models import CallRecord
from partnership.backoffice.personal_data import CALLS_RULE
from partnership.core import clock
from partnership.core.selfaudit import Check, CheckResult, register_checks
from partnership.privacy import retention

# As P5.retention-backlog: the daily retention job has a day to catch up.
RETENTION_GRACE = dt.timedelta(days=1)


def staff_views_have_reasons() -> CheckResult:
    """Every staff view of a customer's personal data names a reason and its grant."""
    reasons = set(AccessReason.values)
    views = AuditEvent.objects.filter(event=AuditEventType.STAFF_CUSTOMER_VIEW.value)
    total = 0
    missing = 0
    for reason, data in views.values_list("reason", "data").iterator():
        total += 1
        grant_id = data.get("grant_id") if isinstance(data, dict) else None
        if reason not in reasons or not grant_id:
            missing += 1
    if missing:
        return CheckResult(
            False, f"{missing} of {total} staff customer view(s) without a reason or grant id"
        )
    return CheckResult(True, f"{total} staff customer view(s), each with a reason and grant id")


def call_records_within_retention() -> CheckResult:
    rule = retention.rule_named(CALLS_RULE)
    if not isinstance(rule, retention.TableRule):
        return CheckResult(False, f"no table retention rule {CALLS_RULE!r} is registered")
    period = retention.rule_period(rule)
    cutoff = clock.now() - period - RETENTION_GRACE
    total = CallRecord.objects.count()
    past = CallRecord.objects.filter(occurred_at__lt=cutoff).count()
    if past:
        return CheckResult(
            False, f"{past} of {total} call record(s) more than a day past {period.days} days"
        )
    return CheckResult(True, f"{total} call record(s), none past the {period.days}-day rule")


CHECKS = (
    Check(
        "P6.staff-views-have-reasons",
        "P6",
        "Every staff view of a customer's personal data carries a reason and a grant",
        staff_views_have_reasons,
    ),
    Check(
        "P14.call-records-retention",
        "P14",
        "The call-record retention rule exists and no call record is past it",
        call_records_within_retention,
    ),
)


def register() -> None:
    register_checks(CHECKS)
