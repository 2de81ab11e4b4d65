"""The self-audit's registry of checks (``core.registry.Registry``).

The app that keeps a promise checks it: each declares its checks as a table,
``CHECKS = (Check(...), ...)`` in ``<app>/checks_selfaudit.py``, and registers them from
``AppConfig.ready()``::

    from partnership.core.selfaudit import Check, CheckResult, register_checks

    CHECKS = (Check("P3.no-visitor-id", "P3", "Statistics tables hold no id", run),)
    register_checks(CHECKS)

``run_all`` runs every check (a check that raises fails, naming only the exception's
class) and returns the report that ``privacy_audit`` and /staff/compliance/ show.
Evidence is one line and never holds personal data: counts, table and column names.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from partnership.core.registry import Registry

logger = logging.getLogger(__name__)

CHECK_ID = re.compile(r"P(?:[1-9]|1[0-4])\.[a-z0-9][a-z0-9-]{0,60}")
PROMISES = tuple(f"P{number}" for number in range(1, 15))
EVIDENCE_MAX = 300


class SelfAuditError(ValueError):
    """A check that would make the report ambiguous."""


@dataclass(frozen=True)
class CheckResult:
    passed: bool
    evidence: str


@dataclass(frozen=True)
class Check:
    id: str  # "P3.no-visitor-id": the promise, a dot, a short name
    promise: str  # "P3"
    description: str  # what it verifies, one sentence
    run: Callable[[], CheckResult]


@dataclass(frozen=True)
class CheckOutcome:
    id: str
    promise: str
    description: str
    passed: bool
    evidence: str

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "promise": self.promise,
            "passed": self.passed,
            "evidence": self.evidence,
        }


@dataclass(frozen=True)
class AuditReport:
    checks: list[CheckOutcome] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return all(outcome.passed for outcome in self.checks)

    @property
    def failed(self) -> list[CheckOutcome]:
        return [outcome for outcome in self.checks if not outcome.passed]

    def as_json(self) -> dict[str, Any]:
        """DESIGN §3: ``{"passed", "checks": [{"id", "promise", "passed", "evidence"}]}``."""
        return {"passed": self.passed, "checks": [c.as_json() for c in self.checks]}


CHECKS: Registry[Check] = Registry("self-audit check", name=lambda c: c.id, error=SelfAuditError)


def register_check(check: Check) -> None:
    """Add a check; called from an app's ``AppConfig.ready()``. Refuses duplicates."""
    if not CHECK_ID.fullmatch(check.id) or check.id.split(".")[0] != check.promise:
        raise SelfAuditError(f"check id {check.id!r} must be '<promise>.<name>' (P1-P14)")
    CHECKS.register(check)


def register_checks(checks: Iterable[Check]) -> None:
    """Add an app's table of checks, in its order."""
    for check in checks:
        register_check(check)


def registered() -> list[Check]:
    """Every check, by promise number and then registration order."""
    order = {promise: index for index, promise in enumerate(PROMISES)}
    return sorted(CHECKS.all(), key=lambda check: order[check.promise])


def promises_without_checks() -> list[str]:
    covered = {check.promise for check in CHECKS.all()}
    return [promise for promise in PROMISES if promise not in covered]


registry_isolated = CHECKS.isolated  # test-only


def one_line(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= EVIDENCE_MAX else flat[: EVIDENCE_MAX - 1] + "…"


def run_check(check: Check) -> CheckOutcome:
    try:
        result = check.run()
        passed, evidence = result.passed, result.evidence
    except Exception as exc:
        # The message of an exception may quote a value; only its class is shown.
        logger.exception("self-audit check %s raised", check.id)
        passed, evidence = False, f"the check could not run ({type(exc).__name__})"
    return CheckOutcome(
        id=check.id,
        promise=check.promise,
        description=check.description,
        passed=passed,
        evidence=one_line(evidence),
    )


def run_all() -> AuditReport:
    return AuditReport(checks=[run_check(check) for check in registered()])
