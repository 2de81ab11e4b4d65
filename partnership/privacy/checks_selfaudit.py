"""Self-audit checks of the data-protection engines (P5, P6), registered from
PrivacyConfig.ready(): the inventory is complete, retention has no backlog, and no
inventoried table holds personal data in a plain column."""

from __future__ import annotations

import datetime as dt

from partnership.audit.models import AuditEvent
from partnership.core import clock
from partnership.core.selfaudit import Check, CheckResult, register_checks
from partnership.crypto.fields import encrypted_models
from partnership.privacy import inventory, retention
from partnership.privacy.column_scan import (
    PERSONAL_DATA_DETECTORS,
    Finding,
    findings_evidence,
    scan_columns,
)

RETENTION_GRACE = dt.timedelta(days=1)


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
        return CheckResult(
            False,
            f"models with encrypted fields not in the inventory: {missing or 'none'}; "
            f"entries naming no registered retention rule: {no_rule or 'none'}",
        )
    return CheckResult(
        True, f"{len(entries)} inventory entries, each with a registered retention rule"
    )


def retention_backlog_empty() -> CheckResult:
    overdue: dict[str, int] = {}
    rules = retention.registered()
    for rule in rules:
        cutoff = clock.now() - retention.rule_period(rule) - RETENTION_GRACE
        count = retention.overdue_count(rule, cutoff)
        if count:
            overdue[rule.name] = count
    if overdue:
        listed = ", ".join(f"{name}: {count}" for name, count in overdue.items())
        return CheckResult(False, f"past retention by more than a day (not held): {listed}")
    return CheckResult(
        True, f"{len(rules)} retention rules, nothing more than a day past its period"
    )


def no_plaintext_personal_data() -> CheckResult:
    findings: list[Finding] = []
    entries = inventory.registered()
    for entry in entries:
        findings.extend(scan_columns(entry.model, PERSONAL_DATA_DETECTORS))
    findings.extend(scan_columns(AuditEvent, PERSONAL_DATA_DETECTORS))
    scanned = f"the unencrypted columns of {len(entries)} inventory tables and the audit log"
    return CheckResult(not findings, findings_evidence(findings, scanned=scanned))


CHECKS = (
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
        "P6.no-plaintext-personal-data",
        "P6",
        "No e-mail, phone, postcode or card number in plain inventory or audit columns",
        no_plaintext_personal_data,
    ),
)


def register() -> None:
    register_checks(CHECKS)
