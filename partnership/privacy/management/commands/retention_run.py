from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from partnership.privacy.retention import retention_run


class Command(BaseCommand):
    help = (
        "Delete the rows and files that have passed their retention period, rule by rule, "
        "in batches. --dry-run only counts. Exit status 1 when a rule fails."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="count, change nothing")
        parser.add_argument("--json", action="store_true", help="print the report as JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        report = retention_run(dry_run=options["dry_run"], progress=self._progress)
        if options["json"]:
            self.stdout.write(json.dumps(report.as_dict(), indent=2))
        else:
            verb = "would delete" if report.dry_run else "deleted"
            for outcome in report.rules:
                done = outcome.expired if report.dry_run else outcome.deleted
                line = f"{outcome.rule}: {verb} {done}, kept under a legal hold {outcome.held}"
                if outcome.error:
                    line += f", FAILED ({outcome.error})"
                self.stdout.write(line)
        if not report.passed:
            failed = ", ".join(o.rule for o in report.rules if o.error)
            raise CommandError(f"retention rules failed: {failed}", returncode=1)

    def _progress(self, line: str) -> None:
        self.stderr.write(line)
