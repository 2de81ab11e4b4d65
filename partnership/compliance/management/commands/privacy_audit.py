from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from partnership.core.selfaudit import AuditReport, run_all


class Command(BaseCommand):
    help = (
        "Check every privacy promise (P1-P14) against the live data and configuration. "
        "--json prints {passed, checks: [{id, promise, passed, evidence}]}. "
        "Exit status 1 when any check fails."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--json", action="store_true", help="print the report as JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        report = run_all()
        if options["json"]:
            self.stdout.write(json.dumps(report.as_json(), indent=2))
        else:
            self.stdout.write(report_table(report))
        if not report.passed:
            failed = ", ".join(outcome.id for outcome in report.failed)
            raise CommandError(f"privacy self-audit failed: {failed}", returncode=1)


def report_table(report: AuditReport) -> str:
    width = max((len(outcome.id) for outcome in report.checks), default=10)
    lines = [f"{'Check'.ljust(width)}  Result  Evidence"]
    for outcome in report.checks:
        result = "pass" if outcome.passed else "FAIL"
        lines.append(f"{outcome.id.ljust(width)}  {result:<6}  {outcome.evidence}")
    passed = sum(1 for outcome in report.checks if outcome.passed)
    lines.append(f"{passed} of {len(report.checks)} checks passed.")
    return "\n".join(lines)
