"""``manage.py rotate_keys [--dry-run] [--batch-size N]``: see docs/crypto.md."""

from __future__ import annotations

import argparse
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser, OutputWrapper

from partnership.crypto import rotation
from partnership.crypto.errors import KeyConfigurationError
from partnership.crypto.fields import encrypted_models
from partnership.crypto.keys import KeyRing, key_ring

BAR_WIDTH = 30


def _positive_int(raw: str) -> int:
    try:
        value = int(raw)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number, not {raw!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


class StderrProgress:
    """One progress line per model: redrawn in place on a terminal, every 10% otherwise."""

    def __init__(self, stream: OutputWrapper) -> None:
        self.stream = stream
        self.redraw = stream.isatty()
        self.label = ""
        self.total = 0
        self.done = 0
        self.last_tenth = -1

    def start(self, label: str, total: int) -> None:
        self.label, self.total, self.done, self.last_tenth = label, total, 0, -1
        self._draw(final=False)

    def advance(self, rows: int) -> None:
        self.done += rows
        self._draw(final=False)

    def finish(self) -> None:
        self._draw(final=True)

    def _draw(self, *, final: bool) -> None:
        fraction = min(1.0, self.done / self.total) if self.total else 1.0
        filled = int(BAR_WIDTH * fraction)
        line = (
            f"{self.label} [{'#' * filled}{'.' * (BAR_WIDTH - filled)}] "
            f"{self.done}/{self.total} rows {fraction:4.0%}"
        )
        if self.redraw:
            self.stream.write("\r" + line, ending="\n" if final else "")
            self.stream.flush()
            return
        tenth = int(fraction * 10)
        if tenth != self.last_tenth and not final:
            self.last_tenth = tenth
            self.stream.write(line)


def _key_counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{key_id} {n}" for key_id, n in sorted(counts.items()))


class Command(BaseCommand):
    help = (
        "Re-encrypt every encrypted value that is not under the first key of "
        "FIELD_ENCRYPTION_KEYS, in batches; run it again to resume after an interruption."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="count the values per model, field and key id; change nothing",
        )
        parser.add_argument(
            "--batch-size",
            type=_positive_int,
            default=500,
            help="rows per transaction (default 500)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            ring = key_ring()
        except KeyConfigurationError as exc:
            raise CommandError(f"the keys are malformed: {exc}", returncode=1) from None
        models = encrypted_models()
        if options["dry_run"]:
            self._dry_run(models, ring, options["batch_size"])
            return
        try:
            rotated = rotation.rotate(
                models,
                ring=ring,
                batch_size=options["batch_size"],
                progress=StderrProgress(self.stderr),
            )
        except rotation.RotationError as exc:
            raise CommandError(
                f"{exc}. The batches before it are saved; restore that value (or its key) "
                f"and run rotate_keys again to finish.",
                returncode=1,
            ) from None
        except KeyboardInterrupt:
            raise CommandError(
                "interrupted; the finished batches are saved: run rotate_keys again to finish.",
                returncode=1,
            ) from None
        self.stdout.write(f"re-encrypted {rotated} values under key {ring.primary_key_id}")

    def _dry_run(self, models: list[Any], ring: KeyRing, batch_size: int) -> None:
        plans = rotation.plan(models, ring=ring, batch_size=batch_size)
        values = to_rotate = 0
        problems: list[str] = []
        for field_plan in plans:
            values += field_plan.values
            to_rotate += field_plan.to_rotate(ring)
            by_key = _key_counts(dict(field_plan.by_key))
            self.stdout.write(
                f"{field_plan.label}: {field_plan.values} values, "
                f"{field_plan.to_rotate(ring)} to re-encrypt"
                + (f" (by key: {by_key})" if by_key else "")
            )
            if field_plan.first_unrotatable_row is not None:
                problems.append(
                    f"{field_plan.label}: {field_plan.cannot_rotate(ring)} values under no "
                    f"listed key or malformed (first: row {field_plan.first_unrotatable_row})"
                )
        self.stdout.write(
            f"dry run: {to_rotate} of {values} values to re-encrypt under key "
            f"{ring.primary_key_id}; nothing was changed"
        )
        if problems:
            raise CommandError(
                "some values cannot be decrypted with the listed keys: " + "; ".join(problems),
                returncode=1,
            )
