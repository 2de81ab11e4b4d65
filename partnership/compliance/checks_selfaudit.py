"""Self-audit checks of the compliance work (P5, P7, P8, P14), registered from
ComplianceConfig.ready(): rights requests and complaints answered in time, processors
audited, marketing exports only inside the Partnership."""

from __future__ import annotations

from partnership.compliance.breaches.selectors import breach_clocks_running
from partnership.compliance.complaints.models import Complaint
from partnership.compliance.dpia.models import Dpia
from partnership.compliance.marketing.models import MarketingExport
from partnership.compliance.marketing.selectors import exports_to_outside_recipients
from partnership.compliance.processors.models import Processor
from partnership.compliance.processors.selectors import processors_audit_overdue
from partnership.compliance.rights.models import RightsRequest, RightsRequestStatus
from partnership.core import clock
from partnership.core.selfaudit import Check, CheckResult, register_checks


def rights_requests_in_time() -> CheckResult:
    today = clock.today_in_london()
    open_requests = RightsRequest.objects.exclude(status=RightsRequestStatus.CLOSED)
    overdue = open_requests.filter(paused_since__isnull=True, due_on__lt=today).count()
    total = open_requests.count()
    if overdue:
        return CheckResult(
            False, f"{overdue} of {total} open rights request(s) past their due date"
        )
    return CheckResult(True, f"{total} open rights request(s), none past its due date")


def processor_audits_in_time() -> CheckResult:
    total = Processor.objects.count()
    overdue = processors_audit_overdue().count()
    if overdue:
        return CheckResult(False, f"{overdue} of {total} processor(s) past their audit due date")
    return CheckResult(True, f"{total} processor(s) in the register, none overdue for audit")


def marketing_only_to_partnership() -> CheckResult:
    total = MarketingExport.objects.count()
    outside = exports_to_outside_recipients().count()
    if outside:
        return CheckResult(
            False, f"{outside} of {total} marketing export(s) went to a non-Partnership company"
        )
    return CheckResult(True, f"{total} marketing export(s), all to Partnership companies")


def complaints_acknowledged_in_time() -> CheckResult:
    today = clock.today_in_london()
    overdue = Complaint.objects.filter(acknowledged_at__isnull=True, acknowledge_by__lt=today)
    count = overdue.count()
    if count:
        return CheckResult(
            False, f"{count} complaint(s) past their acknowledgement date, unacknowledged"
        )
    open_count = Complaint.objects.filter(acknowledged_at__isnull=True).count()
    return CheckResult(
        True, f"no complaint overdue for acknowledgement ({open_count} awaiting, in time)"
    )


def breach_clocks_in_time() -> CheckResult:
    running = breach_clocks_running(now=clock.now())
    late = [row.breach.reference for row in running if row.overdue]
    if late:
        return CheckResult(
            False,
            f"{len(late)} breach(es) past the 72-hour deadline with no decision on "
            f"reporting to the ICO: {', '.join(late)}",
        )
    return CheckResult(True, f"{len(running)} breach clock(s) running, none past 72 hours")


def dpia_reviews_in_time() -> CheckResult:
    total = Dpia.objects.count()
    overdue = list(
        Dpia.objects.filter(review_by__lt=clock.today_in_london()).values_list("key", flat=True)
    )
    if overdue:
        return CheckResult(
            False, f"{len(overdue)} of {total} DPIA(s) past their review date: {', '.join(overdue)}"
        )
    return CheckResult(True, f"{total} DPIA(s) in the register, none past its review date")


CHECKS = (
    Check(
        "P5.rights-requests-in-time",
        "P5",
        "No open rights request is past its due date (a stopped clock is not late)",
        rights_requests_in_time,
    ),
    Check(
        "P7.processor-audits",
        "P7",
        "Every processor in the register has been audited by its due date",
        processor_audits_in_time,
    ),
    Check(
        "P8.partnership-only-exports",
        "P8",
        "No marketing export went to a company outside the Partnership",
        marketing_only_to_partnership,
    ),
    Check(
        "P14.complaints-acknowledged",
        "P14",
        "No complaint is past its acknowledgement date",
        complaints_acknowledged_in_time,
    ),
    Check(
        "P6.breach-clock",
        "P6",
        "No breach is past its 72-hour ICO deadline without a decision on reporting it",
        breach_clocks_in_time,
    ),
    Check(
        "P5.dpia-reviews",
        "P5",
        "Every data-protection impact assessment has been reviewed by its review date",
        dpia_reviews_in_time,
    ),
)


def register() -> None:
    register_checks(CHECKS)
