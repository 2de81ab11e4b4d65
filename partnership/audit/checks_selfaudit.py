"""Self-audit check of the audit log (P6), registered from AuditConfig.ready()."""

from __future__ import annotations

from partnership.audit.verification import audit_verify
from partnership.core.selfaudit import Check, CheckResult, register_checks


def audit_chain_verifies() -> CheckResult:
    report = audit_verify()
    if not report.ok:
        first = report.problems[0]
        return CheckResult(
            False, f"{len(report.problems)} problem(s); first: {first.code}: {first.message}"
        )
    return CheckResult(
        True, f"{report.count} events verified, {report.checkpoints_checked} checkpoints"
    )


CHECKS = (Check("P6.audit-chain", "P6", "The audit log verifies", audit_chain_verifies),)


def register() -> None:
    register_checks(CHECKS)
