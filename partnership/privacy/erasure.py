"""The erasure engine, and its ledger outside the main database.

``erasure_apply`` calls every inventory entry's erase callable for one person, in
registry order (children before the rows they hang on); the callables decide what a
legal hold keeps and say why. Each entry's outcome becomes one line of the **erasure
ledger**: an append-only JSON-lines file per Europe/London day in
``ERASURE_LEDGER_DIR`` (directory 0700, files 0600, fsync after every line), holding
ids only — the request, the person's user id or e-mail blind index, the model label,
the erased row ids and the kept row ids with the hold that kept each.

A database backup restored later brings erased rows back; ``erasure_replay`` reads
the ledger and deletes them again (``docs/operations.md``, the restore procedure).

Lines are written inside the erasure's transaction, before it commits: should the
commit fail, the ledger names rows still present, and a replay erases them — what the
person asked for — whereas a ledger written after commit could miss rows for good.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import transaction

from partnership.core import clock
from partnership.core.private_files import make_private_dir, open_private
from partnership.privacy import inventory, recipients
from partnership.privacy.subjects import DataSubject

LEDGER_VERSION = 1
LEDGER_PREFIX = "erasure-"
LEDGER_SUFFIX = ".jsonl"
# Lines written before the privacy app was split (docs/architecture.md) name the
# models by their old app label; they are read as the model's label today.
MOVED_MODELS = {
    f"privacy.{name}": f"{app}.{name}"
    for app, names in {
        "consent": ("consentrecord",),
        "compliance": (
            "complaint",
            "rightsrequest",
            "rightsrequestpause",
            "marketingrecipient",
            "marketingexport",
            "marketingexportmember",
            "processor",
        ),
        "policy": ("policyversion",),
    }.items()
    for name in names
}


class ErasureRefused(ValueError):
    """The request cannot be erased now (wrong kind, or closed)."""


class LedgerError(ValueError):
    """A ledger line that cannot be read or names a model this site does not have."""


@dataclass(frozen=True)
class LedgerEntry:
    request_id: str
    subject: dict[str, str]  # {"user_id": …} or {"email_index": …}
    category: str
    model: str  # "cards.transaction"
    erased: tuple[str, ...]
    kept: tuple[tuple[str, str], ...]  # (row id, hold name)
    at: str = ""

    def as_json(self) -> str:
        return json.dumps(
            {
                "v": LEDGER_VERSION,
                "at": self.at,
                "request_id": self.request_id,
                "subject": self.subject,
                "category": self.category,
                "model": self.model,
                "erased": list(self.erased),
                "kept": [{"id": row, "hold": hold} for row, hold in self.kept],
            },
            sort_keys=True,
        )


def ledger_dir() -> Path:
    return make_private_dir(settings.ERASURE_LEDGER_DIR)


def ledger_append(entry: LedgerEntry) -> Path:
    """Append one line to today's ledger file and fsync it before returning."""
    directory = ledger_dir()
    path = directory / f"{LEDGER_PREFIX}{clock.today_in_london().isoformat()}{LEDGER_SUFFIX}"
    created = not path.exists()
    fd = open_private(path, os.O_WRONLY | os.O_APPEND)
    try:
        os.write(fd, (entry.as_json() + "\n").encode())
        os.fsync(fd)
    finally:
        os.close(fd)
    if created:
        dir_fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(dir_fd)  # the new file's name survives a crash too
        finally:
            os.close(dir_fd)
    return path


@dataclass
class ErasureReport:
    request_id: str
    entries: list[LedgerEntry] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        erased = {e.category: len(e.erased) for e in self.entries if e.erased}
        kept: dict[str, dict[str, int]] = {}
        for entry in self.entries:
            for _, hold in entry.kept:
                kept.setdefault(entry.category, {}).setdefault(hold, 0)
                kept[entry.category][hold] += 1
        return {"erased": erased, "kept": kept}


def erasure_apply(
    *, request_id: str, subject_key: dict[str, str], subject: DataSubject
) -> ErasureReport:
    """Erase what may be erased for one person, one ledger line per inventory entry.

    Run it inside the caller's transaction (``compliance.rights.erasure.erasure_run``
    holds the request, its checks and its audit row), so the lines precede the commit.
    """
    report = ErasureReport(request_id=request_id)
    # Art. 19: recipients are found while the rows that name them still exist.
    held = recipients.categories_held(subject)
    recipients.data_changed(recipients.DataChange(recipients.ChangeKind.ERASURE, subject, held))
    for item in inventory.registered():
        outcome = item.erase(subject)
        entry = LedgerEntry(
            request_id=request_id,
            subject=subject_key,
            category=item.category,
            model=item.model._meta.label_lower,
            erased=tuple(outcome.erased_ids),
            kept=tuple((k.id, k.hold) for k in outcome.kept),
            at=clock.now().isoformat(),
        )
        ledger_append(entry)
        report.entries.append(entry)
    return report


# --- replay ------------------------------------------------------------------------------
@dataclass(frozen=True)
class ReplayResult:
    lines: int
    deleted: int  # rows that existed again and were deleted (or would be, dry run)
    already_gone: int


def ledger_lines(directory: Path | None = None) -> Iterator[tuple[str, int, LedgerEntry]]:
    """Every ledger line, oldest file first: (file name, line number, entry)."""
    directory = directory or Path(settings.ERASURE_LEDGER_DIR)
    if not directory.is_dir():
        return
    for path in sorted(directory.glob(f"{LEDGER_PREFIX}*{LEDGER_SUFFIX}")):
        with path.open(encoding="utf-8") as handle:
            for number, text in enumerate(handle, start=1):
                if not text.strip():
                    continue
                yield path.name, number, _parse(text, where=f"{path.name}:{number}")


def _parse(text: str, *, where: str) -> LedgerEntry:
    try:
        raw = json.loads(text)
        entry = LedgerEntry(
            request_id=str(raw["request_id"]),
            subject={str(k): str(v) for k, v in raw["subject"].items()},
            category=str(raw["category"]),
            model=str(raw["model"]),
            erased=tuple(str(pk) for pk in raw["erased"]),
            kept=tuple((str(k["id"]), str(k["hold"])) for k in raw["kept"]),
            at=str(raw.get("at", "")),
        )
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise LedgerError(f"{where}: not a ledger line") from exc
    try:
        _model(entry.model)
    except (LookupError, ValueError) as exc:
        raise LedgerError(f"{where}: unknown model {entry.model!r}") from exc
    return entry


def _model(label: str) -> Any:
    return apps.get_model(MOVED_MODELS.get(label.lower(), label))


def erasure_replay(
    *,
    dry_run: bool = False,
    directory: Path | None = None,
    progress: Callable[[str], None] = lambda line: None,
) -> ReplayResult:
    """Delete every row the ledger says was erased and that exists again. Idempotent.

    Writes no audit event: it runs on a restored database before the audit log's
    rollback is acknowledged, and an event appended then would fork the chain.
    """
    lines = deleted = gone = 0
    entries = list(ledger_lines(directory))  # read all first: a bad line stops before any work
    with transaction.atomic():
        for name, number, entry in entries:
            lines += 1
            model = _model(entry.model)
            rows = model._default_manager.filter(pk__in=list(entry.erased))
            present = rows.count()
            if present and not dry_run:
                rows.delete()
            deleted += present
            gone += len(entry.erased) - present
            if present:
                verb = "would delete" if dry_run else "deleted"
                progress(f"{name}:{number} {entry.model}: {verb} {present}")
    progress(f"{lines} ledger lines; {deleted} rows {'to delete' if dry_run else 'deleted'}")
    return ReplayResult(lines=lines, deleted=deleted, already_gone=gone)
