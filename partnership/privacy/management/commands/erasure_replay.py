from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from partnership.privacy.erasure import LedgerError, erasure_replay


class Command(BaseCommand):
    help = (
        "After a database backup is restored: delete again every row the erasure ledger "
        "(ERASURE_LEDGER_DIR) records as erased. Idempotent; --dry-run only counts. "
        "Exit status 1 when the ledger cannot be read, 2 on bad arguments."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="count, change nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = erasure_replay(dry_run=options["dry_run"], progress=self.stderr.write)
        except LedgerError as exc:
            raise CommandError(
                f"erasure ledger: {exc}; nothing was deleted.", returncode=1
            ) from exc
        verb = "would delete" if options["dry_run"] else "deleted"
        self.stdout.write(
            f"{result.lines} ledger lines: {verb} {result.deleted} rows restored from a backup; "
            f"{result.already_gone} already gone."
        )
