"""Self-audit checks of the record of processing (P5): it covers every inventory
category, and everything an activity names still exists."""

from __future__ import annotations

from partnership.compliance.processing import activities
from partnership.compliance.processors.models import DataCategory
from partnership.consent import cookies
from partnership.core.selfaudit import Check, CheckResult
from partnership.privacy import inventory
from partnership.privacy.retention import rules


def dangling_names() -> list[str]:
    """What activities (or the processor-kind map) name that the registries lack."""
    categories = {entry.category for entry in inventory.registered()}
    rule_names = {rule.name for rule in rules.registered()}
    cookie_names = {declaration.name_base for declaration in cookies.declared()}
    found: list[str] = []
    for activity in activities.ACTIVITIES:
        found += [
            f"{activity.name}: category {c}" for c in activity.categories if c not in categories
        ]
        found += [f"{activity.name}: rule {r}" for r in activity.extra_rules if r not in rule_names]
        found += [f"{activity.name}: cookie {c}" for c in activity.cookies if c not in cookie_names]
    kinds = set(DataCategory.values)
    found += [
        f"processor kind {kind} of {category}"
        for category, kind in activities.PROCESSOR_KIND.items()
        if kind not in kinds
    ]
    return found


def processing_record_complete() -> CheckResult:
    covered = {c for activity in activities.ACTIVITIES for c in activity.categories}
    missing = [e.category for e in inventory.registered() if e.category not in covered]
    unmapped = [
        e.category for e in inventory.registered() if e.category not in activities.PROCESSOR_KIND
    ]
    dangling = dangling_names()
    problems = []
    if missing:
        problems.append("in no processing activity: " + ", ".join(missing))
    if unmapped:
        problems.append("no processor data kind for: " + ", ".join(unmapped))
    if dangling:
        problems.append("names that no longer exist: " + ", ".join(dangling))
    if problems:
        return CheckResult(False, "; ".join(problems))
    return CheckResult(
        True,
        f"{len(activities.ACTIVITIES)} processing activities cover all "
        f"{len(inventory.registered())} inventory categories",
    )


CHECKS = (
    Check(
        "P5.processing-record",
        "P5",
        "Every inventory category belongs to a processing activity, and every category, "
        "retention rule and cookie an activity names exists",
        processing_record_complete,
    ),
)
