from __future__ import annotations

import json
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from partnership.audit.keys import AuditKeyError
from partnership.audit.verification import BATCH_SIZE, VerifyReport, audit_verify

# Chains longer than this show a progress line on stderr.
PROGRESS_FROM = 20_000


class Command(BaseCommand):
    help = (
        "Recompute the audit hash chain, check it against this chain's signed checkpoints "
        "and check the append-only triggers. Exit 0 when sound, 1 naming the first bad "
        "event, 2 on bad arguments."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--json", action="store_true", help="print the report as JSON")
        parser.add_argument(
            "--batch-size",
            type=int,
            default=BATCH_SIZE,
            help=f"events read per query (default {BATCH_SIZE})",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["batch_size"] < 1:
            raise CommandError("--batch-size must be at least 1", returncode=2)
        try:
            report = audit_verify(batch_size=options["batch_size"], progress=self._progress)
        except AuditKeyError as exc:
            raise CommandError(str(exc), returncode=2) from exc
        if options["json"]:
            self.stdout.write(json.dumps(report.as_json(), indent=2))
        else:
            self._describe(report)
        if not report.ok:
            first = report.first_bad_event or report.problems[0]
            where = f" (first bad event: {first.sequence})" if first.sequence else ""
            raise CommandError(
                f"audit log verification failed{where}: {first.message}", returncode=1
            )

    def _progress(self, done: int, total: int) -> None:
        if total >= PROGRESS_FROM:
            end = "\n" if done >= total else ""
            sys.stderr.write(f"\raudit_verify: {done}/{total} events")
            sys.stderr.write(end)
            sys.stderr.flush()

    def _describe(self, report: VerifyReport) -> None:
        self.stdout.write(
            f"audit log: {report.count} events, head {report.head_sequence}, "
            f"chain {report.chain_id[:16] or '-'}; {report.checkpoints_checked} checkpoint(s) "
            f"checked, {report.checkpoints_superseded} superseded by a rollback, "
            f"{report.other_chain_files} of other chains ignored"
        )
        for lost_from, lost_to in report.lost_ranges:
            self.stdout.write(f"lost by an acknowledged rollback: events {lost_from}–{lost_to}")
        for warning in report.warnings:
            self.stdout.write(f"warning: {warning}")
        for problem in report.problems:
            self.stderr.write(f"FAIL: {problem.message}")
        if report.ok:
            self.stdout.write("OK")
