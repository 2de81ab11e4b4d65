"""The checks of the promises the compliance and consent code keeps, registered from
ComplianceConfig.ready(); the policy app registers those of the notice in force.

Other apps register theirs the same way (``<app>/checks_selfaudit.py``).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.urls import Resolver404, resolve

from partnership.audit.models import AuditEvent
from partnership.audit.verification import audit_verify
from partnership.compliance.complaints.models import Complaint
from partnership.compliance.marketing.models import MarketingExport
from partnership.compliance.marketing.selectors import exports_to_outside_recipients
from partnership.compliance.processors.models import Processor
from partnership.compliance.processors.selectors import processors_audit_overdue
from partnership.compliance.rights.models import RightsRequest, RightsRequestStatus
from partnership.compliance.selfaudit.registry import Check, CheckResult, register_check
from partnership.compliance.selfaudit.scan import (
    PERSONAL_DATA_DETECTORS,
    Finding,
    all_models,
    findings_evidence,
    has_ip_address,
    scan_columns,
)
from partnership.consent import cookies, state
from partnership.consent.research import research_partners
from partnership.core import clock
from partnership.core.csrf import is_cookieless_form
from partnership.core.middleware import content_security_policy
from partnership.crypto.fields import encrypted_models
from partnership.privacy import inventory, retention

# The forms that must work with cookies off (docs/forms-without-cookies.md).
COOKIELESS_PATHS = ("/offers/", "/complaints/", "/privacy/cookies/", "/apply/")
# Words a cookie's declared contents must never mention: it would hold personal data.
PERSONAL_WORDS = ("name", "e-mail", "email", "address", "postcode", "phone", "birth")
RETENTION_GRACE = dt.timedelta(days=1)


def _pass(evidence: str) -> CheckResult:
    return CheckResult(True, evidence)


def _fail(evidence: str) -> CheckResult:
    return CheckResult(False, evidence)


# --- P1 ------------------------------------------------------------------------------
def no_ip_in_database() -> CheckResult:
    models = all_models()
    findings: list[Finding] = []
    for model in models:
        findings.extend(scan_columns(model, {"IP address": has_ip_address}))
    scanned = f"the plain text columns of {len(models)} tables (every row)"
    return CheckResult(not findings, findings_evidence(findings, scanned=scanned))


# --- P5 ------------------------------------------------------------------------------
def inventory_complete() -> CheckResult:
    entries = inventory.registered()
    listed = {entry.model for entry in entries}
    # Models of test-only apps (partnership.crypto.tests.app) hold no one's data.
    missing = [
        m._meta.label
        for m in encrypted_models()
        if m not in listed and ".tests." not in m.__module__
    ]
    no_rule = [e.category for e in entries if retention.rule_named(e.retention_rule) is None]
    if missing or no_rule:
        return _fail(
            f"models with encrypted fields not in the inventory: {missing or 'none'}; "
            f"entries naming no registered retention rule: {no_rule or 'none'}"
        )
    return _pass(f"{len(entries)} inventory entries, each with a registered retention rule")


def _overdue_count(rule: retention.RetentionRule, cutoff: dt.datetime) -> int:
    if isinstance(rule, retention.TableRule):
        expired = retention._expired(rule, cutoff)
        return (rule.exclude_held(expired) if rule.exclude_held else expired).count()
    directory = rule.directory()
    if not directory.is_dir():
        return 0
    count = 0
    for path in directory.glob(rule.pattern):
        if path.is_file() and not path.is_symlink():
            aged = rule.file_time(path)
            count += aged is not None and aged < cutoff
    return count


def retention_backlog_empty() -> CheckResult:
    overdue: dict[str, int] = {}
    rules = retention.registered()
    for rule in rules:
        cutoff = clock.now() - retention.rule_period(rule) - RETENTION_GRACE
        count = _overdue_count(rule, cutoff)
        if count:
            overdue[rule.name] = count
    if overdue:
        listed = ", ".join(f"{name}: {count}" for name, count in overdue.items())
        return _fail(f"past retention by more than a day (not held): {listed}")
    return _pass(f"{len(rules)} retention rules, nothing more than a day past its period")


def rights_requests_in_time() -> CheckResult:
    today = clock.today_in_london()
    open_requests = RightsRequest.objects.exclude(status=RightsRequestStatus.CLOSED)
    overdue = open_requests.filter(paused_since__isnull=True, due_on__lt=today).count()
    total = open_requests.count()
    if overdue:
        return _fail(f"{overdue} of {total} open rights request(s) past their due date")
    return _pass(f"{total} open rights request(s), none past its due date")


# --- P6 ------------------------------------------------------------------------------
def no_plaintext_personal_data() -> CheckResult:
    findings: list[Finding] = []
    entries = inventory.registered()
    for entry in entries:
        findings.extend(scan_columns(entry.model, PERSONAL_DATA_DETECTORS))
    findings.extend(scan_columns(AuditEvent, PERSONAL_DATA_DETECTORS))
    scanned = f"the unencrypted columns of {len(entries)} inventory tables and the audit log"
    return CheckResult(not findings, findings_evidence(findings, scanned=scanned))


def audit_chain_verifies() -> CheckResult:
    report = audit_verify()
    if not report.ok:
        first = report.problems[0]
        return _fail(f"{len(report.problems)} problem(s); first: {first.code}: {first.message}")
    return _pass(f"{report.count} events verified, {report.checkpoints_checked} checkpoints")


# --- P9 ------------------------------------------------------------------------------
def cookies_declared() -> CheckResult:
    declared = cookies.first_party_by_name()
    set_by_django = {"session": settings.SESSION_COOKIE_NAME, "CSRF": settings.CSRF_COOKIE_NAME}
    undeclared = [label for label, name in set_by_django.items() if name not in declared]
    personal = [
        decl.name
        for decl in cookies.declared()
        if any(word in decl.holds.lower().replace("no identifier", "") for word in PERSONAL_WORDS)
    ]
    if undeclared or personal:
        return _fail(
            f"cookies Django sets but the registry lacks: {undeclared or 'none'}; "
            f"declared contents mentioning personal data: {personal or 'none'}"
        )
    return _pass(f"{len(cookies.declared())} cookies declared; none holds personal data")


# --- P10 -----------------------------------------------------------------------------
def cookieless_forms_marked() -> CheckResult:
    unmarked = []
    for path in COOKIELESS_PATHS:
        try:
            match = resolve(path)
        except Resolver404:
            unmarked.append(f"{path} (no such page)")
            continue
        if not is_cookieless_form(match.func):
            unmarked.append(path)
    if unmarked:
        return _fail(f"forms that need a cookie but must not: {', '.join(unmarked)}")
    return _pass(f"{len(COOKIELESS_PATHS)} forms accept same-origin posts without cookies")


# --- P11, P12 ------------------------------------------------------------------------
def browser_signal_objects() -> CheckResult:
    wrong = [
        header
        for header in ("Sec-GPC", "DNT")
        if state.consent_state_from(cookie_value=None, headers={header: "1"}).may_count_statistics
    ]
    if wrong:
        return _fail(f"statistics still counted with {', '.join(wrong)}: 1")
    return _pass("Sec-GPC: 1 and DNT: 1 each object to statistics")


def research_only_after_opt_in() -> CheckResult:
    partners = research_partners()
    cases = {"no choice": {}, "Sec-GPC": {"Sec-GPC": "1"}}
    loading = [
        case
        for case, headers in cases.items()
        if state.consent_state_from(cookie_value=None, headers=headers).may_load_research
    ]
    if loading or "script-src" in content_security_policy():
        return _fail(f"research tags would load without opt-in: {', '.join(loading) or 'CSP'}")
    return _pass(f"{len(partners)} research partner(s); without opt-in no tag and no script-src")


# --- P7 and P8 ---------------------------------------------------------------------------
def processor_audits_in_time() -> CheckResult:
    total = Processor.objects.count()
    overdue = processors_audit_overdue().count()
    if overdue:
        return _fail(f"{overdue} of {total} processor(s) past their audit due date")
    return _pass(f"{total} processor(s) in the register, none overdue for audit")


def marketing_only_to_partnership() -> CheckResult:
    total = MarketingExport.objects.count()
    outside = exports_to_outside_recipients().count()
    if outside:
        return _fail(f"{outside} of {total} marketing export(s) went to a non-Partnership company")
    return _pass(f"{total} marketing export(s), all to Partnership companies")


# --- P14 -----------------------------------------------------------------------------
def complaints_acknowledged_in_time() -> CheckResult:
    today = clock.today_in_london()
    overdue = Complaint.objects.filter(acknowledged_at__isnull=True, acknowledge_by__lt=today)
    count = overdue.count()
    if count:
        return _fail(f"{count} complaint(s) past their acknowledgement date, unacknowledged")
    open_count = Complaint.objects.filter(acknowledged_at__isnull=True).count()
    return _pass(f"no complaint overdue for acknowledgement ({open_count} awaiting, in time)")


def register() -> None:
    for check in (
        Check("P1.no-ip-in-database", "P1", "No IP address in any plain column", no_ip_in_database),
        Check(
            "P5.inventory-complete",
            "P5",
            "Every model with encrypted fields is inventoried, with a retention rule",
            inventory_complete,
        ),
        Check(
            "P5.retention-backlog",
            "P5",
            "Nothing is kept more than a day past its retention period",
            retention_backlog_empty,
        ),
        Check(
            "P5.rights-requests-in-time",
            "P5",
            "No open rights request is past its due date (a stopped clock is not late)",
            rights_requests_in_time,
        ),
        Check(
            "P6.no-plaintext-personal-data",
            "P6",
            "No e-mail, phone, postcode or card number in plain inventory or audit columns",
            no_plaintext_personal_data,
        ),
        Check("P6.audit-chain", "P6", "The audit log verifies", audit_chain_verifies),
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
            "P9.cookies-declared",
            "P9",
            "Every cookie the site sets is declared; none holds personal data",
            cookies_declared,
        ),
        Check(
            "P10.cookieless-forms",
            "P10",
            "The public forms work with cookies off",
            cookieless_forms_marked,
        ),
        Check(
            "P11.browser-signal-objects",
            "P11",
            "Sec-GPC and DNT count as objection to statistics",
            browser_signal_objects,
        ),
        Check(
            "P12.research-after-opt-in",
            "P12",
            "Research partners' tags load only after opt-in",
            research_only_after_opt_in,
        ),
        Check(
            "P14.complaints-acknowledged",
            "P14",
            "No complaint is past its acknowledgement date",
            complaints_acknowledged_in_time,
        ),
    ):
        register_check(check)
