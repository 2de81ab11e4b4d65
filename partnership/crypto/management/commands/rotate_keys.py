"""``manage.py rotate_keys [--dry-run] [--batch-size N]``: see docs/crypto.md."""

from __future__ import annotations

import argparse
from collections import Counter
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser, OutputWrapper

from partnership.crypto import reindex, rotation
from partnership.crypto.errors import DecryptionError, KeyConfigurationError
from partnership.crypto.fields import encrypted_fields, encrypted_models
from partnership.crypto.keys import RING_SETTINGS, KeyRing, key_ring

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


def _rings(models: list[Any]) -> dict[str, KeyRing]:
    """The rings the fields of these models use, in the order of ``RING_SETTINGS``."""
    used = {field.ring_name for model in models for field in encrypted_fields(model)}
    return {name: key_ring(name) for name in RING_SETTINGS if name in used}


def _under(name: str, ring: KeyRing) -> str:
    return f"{RING_SETTINGS[name]} key {ring.primary_key_id}"


class Command(BaseCommand):
    help = (
        "Re-encrypt every encrypted value that is not under the first key of its ring "
        "(FIELD_ENCRYPTION_KEYS, or CARD_DATA_KEYS for card numbers), in batches; run it "
        "again to resume after an interruption."
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
        models = encrypted_models()
        indexes = reindex.registered()
        try:
            rings = _rings(models)
            index_keys = {index.label: index.primary_key_id() for index in indexes}
        except KeyConfigurationError as exc:
            raise CommandError(f"the keys are malformed: {exc}", returncode=1) from None
        if options["dry_run"]:
            self._dry_run(models, rings, options["batch_size"])
            return
        self._rotate(models, rings, options["batch_size"])
        # One line per key: the indexes made under the same setting and key add up.
        done_under: dict[tuple[str, str], int] = {}
        for index in indexes:
            try:
                done = reindex.rotate(index, batch_size=options["batch_size"])
            except DecryptionError as exc:
                raise CommandError(
                    f"{exc}; {index.label} was not made again for that batch. Restore that "
                    f"value (or its key) and run rotate_keys again to finish.",
                    returncode=1,
                ) from None
            under = (index.setting, index_keys[index.label])
            done_under[under] = done_under.get(under, 0) + done
        for (setting, key), done in done_under.items():
            self.stdout.write(f"re-indexed {done} values under {setting} key {key}")

    def _rotate(self, models: list[Any], rings: dict[str, KeyRing], batch_size: int) -> None:
        try:
            rotated: Counter[str] = rotation.rotate(
                models, batch_size=batch_size, progress=StderrProgress(self.stderr)
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
        for name, ring in rings.items():
            self.stdout.write(f"re-encrypted {rotated[name]} values under {_under(name, ring)}")

    def _dry_run(self, models: list[Any], rings: dict[str, KeyRing], batch_size: int) -> None:
        plans = rotation.plan(models, batch_size=batch_size)
        values: Counter[str] = Counter()
        to_rotate: Counter[str] = Counter()
        problems: list[str] = []
        for field_plan in plans:
            values[field_plan.ring_name] += field_plan.values
            to_rotate[field_plan.ring_name] += field_plan.to_rotate()
            by_key = _key_counts(dict(field_plan.by_key))
            self.stdout.write(
                f"{field_plan.label}: {field_plan.values} values, "
                f"{field_plan.to_rotate()} to re-encrypt"
                + (f" (by key: {by_key})" if by_key else "")
            )
            if field_plan.first_unrotatable_row is not None:
                problems.append(
                    f"{field_plan.label}: {field_plan.cannot_rotate()} values under no "
                    f"listed key or malformed (first: row {field_plan.first_unrotatable_row})"
                )
        summary = [
            f"{to_rotate[name]} of {values[name]} values to re-encrypt under {_under(name, ring)}"
            for name, ring in rings.items()
        ]
        summary += self._dry_run_indexes(batch_size)
        self.stdout.write(f"dry run: {', '.join(summary)}; nothing was changed")
        if problems:
            raise CommandError(
                "some values cannot be decrypted with the listed keys: " + "; ".join(problems),
                returncode=1,
            )

    def _dry_run_indexes(self, batch_size: int) -> list[str]:
        """A line per registered index; the summary adds up the indexes under one key."""
        under: dict[tuple[str, str], list[int]] = {}
        for index in reindex.registered():
            by_key = reindex.plan(index, batch_size=batch_size)
            primary = index.primary_key_id()
            total = sum(by_key.values())
            stale = total - by_key[primary]
            counts = _key_counts(dict(by_key))
            self.stdout.write(
                f"{index.label}: {total} values, {stale} to re-index"
                + (f" (by key: {counts})" if counts else "")
            )
            figures = under.setdefault((index.setting, primary), [0, 0])
            figures[0] += stale
            figures[1] += total
        return [
            f"{stale} of {total} values to re-index under {setting} key {primary}"
            for (setting, primary), (stale, total) in under.items()
        ]
