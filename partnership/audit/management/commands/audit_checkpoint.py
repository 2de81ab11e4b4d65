from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from partnership.audit.checkpoints import (
    CheckpointRefused,
    checkpoint_acknowledge_rollback,
    checkpoint_write,
)


class Command(BaseCommand):
    help = (
        "Sign the audit chain's head into AUDIT_CHECKPOINT_DIR (a periodic job runs this "
        "every 10 minutes). With --acknowledge-rollback, after restoring a backup: sign "
        "that the log was restored to its current head and which events were lost."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--acknowledge-rollback",
            action="store_true",
            help="sign a rollback acknowledgement (only when the log ends before the newest "
            "checkpoint and nothing else is wrong)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if options["acknowledge_rollback"]:
                path = checkpoint_acknowledge_rollback()
                self.stdout.write(f"rollback acknowledged: {path}")
                return
            written = checkpoint_write()
        except CheckpointRefused as exc:
            raise CommandError(str(exc), returncode=1) from exc
        if written is None:
            self.stdout.write("the audit log is empty: nothing to sign")
        else:
            self.stdout.write(f"checkpoint: {written}")
