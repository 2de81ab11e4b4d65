"""Self-audit checks of the policy in force and its notice (P9, P13), registered from
PolicyConfig.ready() into the self-audit (partnership/core/selfaudit.py),
so the self-audit never imports the policy app."""

from __future__ import annotations

from typing import Any

from django.db import connection

from partnership.consent import cookies
from partnership.core.db import protected_table_sql
from partnership.core.selfaudit import Check, CheckResult, register_checks
from partnership.policy import notice, selectors

POLICY_TABLE = "privacy_policyversion"
# Equal to the message of privacy migration 0002, whose triggers are compared with it.
POLICY_TRIGGER_MESSAGE = "published privacy policy versions cannot be changed"


def _pass(evidence: str) -> CheckResult:
    return CheckResult(True, evidence)


def _fail(evidence: str) -> CheckResult:
    return CheckResult(False, evidence)


def _in_force_or_none() -> Any:
    return selectors.policy_in_force()


def notice_cookies_current() -> CheckResult:
    version = _in_force_or_none()
    if version is None:
        return _pass("no version in force to drift from (P13.policy-in-force fails)")
    running = cookies.registry_revision()
    if version.registry_revision != running:
        return _fail(
            f"version {version.number} froze cookie registry revision "
            f"{version.registry_revision or '(none)'}, running revision is {running}: publish anew"
        )
    return _pass(f"version {version.number} and the running registry are revision {running}")


# --- P13 -----------------------------------------------------------------------------
def policy_in_force() -> CheckResult:
    version = _in_force_or_none()
    if version is None:
        return _fail("no privacy policy version is in force")
    if version.tables_snapshot is None:
        return _fail(f"version {version.number} has no frozen notice tables")
    return _pass(f"version {version.number} in force since {version.effective_from.isoformat()}")


def policy_versions_immutable() -> CheckResult:
    forward, _ = protected_table_sql(
        vendor=connection.vendor, table=POLICY_TABLE, message=POLICY_TRIGGER_MESSAGE
    )
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s",
                [POLICY_TABLE],
            )
            found = dict(cursor.fetchall())
            names = (f"{POLICY_TABLE}_no_update", f"{POLICY_TABLE}_no_delete")
            bad = [n for n, sql in zip(names, forward, strict=True) if found.get(n) != sql]
        else:
            cursor.execute(
                "SELECT t.tgname FROM pg_trigger t WHERE t.tgrelid = %s::regclass "
                "AND NOT t.tgisinternal AND t.tgenabled = 'O'",
                [POLICY_TABLE],
            )
            present = {row[0] for row in cursor.fetchall()}
            names = (f"{POLICY_TABLE}_no_change", f"{POLICY_TABLE}_no_truncate")
            bad = [name for name in names if name not in present]
    if bad:
        return _fail(f"write-once triggers missing or altered: {', '.join(bad)}")
    return _pass("published versions are write-once (triggers in place)")


NOTICE_PARTS = ("retention", "other_retention", "research_partners")


def notice_matches_configuration() -> CheckResult:
    version = _in_force_or_none()
    if version is None or version.tables_snapshot is None:
        return _pass("no frozen notice in force to drift from (P13.policy-in-force fails)")
    running = notice.notice_snapshot()
    drifted = [
        part for part in NOTICE_PARTS if version.tables_snapshot.get(part) != running.get(part)
    ]
    if drifted:
        return _fail(
            f"version {version.number}'s notice differs from the running configuration in: "
            f"{', '.join(drifted)}: publish anew"
        )
    return _pass(f"version {version.number}'s retention and partner tables match the running ones")


CHECKS = (
    Check(
        "P9.notice-cookies-current",
        "P9",
        "The cookie table in force has the running registry revision",
        notice_cookies_current,
    ),
    Check("P13.policy-in-force", "P13", "A published version is in force", policy_in_force),
    Check(
        "P13.versions-immutable",
        "P13",
        "Published versions cannot be changed",
        policy_versions_immutable,
    ),
    Check(
        "P13.notice-matches-configuration",
        "P13",
        "The notice in force matches the running configuration",
        notice_matches_configuration,
    ),
)


def register() -> None:
    register_checks(CHECKS)
