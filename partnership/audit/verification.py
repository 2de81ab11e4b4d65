"""Verifying the audit log: the chain, the signed checkpoints and the triggers.

``audit_verify`` recomputes every event's hash in sequence order, checks each
checkpoint of this chain found in ``AUDIT_CHECKPOINT_DIR`` (signature, hash and
count at its sequence, and that the log does not end before it), and that the
triggers keeping the table append-only are installed as migration 0002 made them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection

from partnership.audit.chain import (
    GENESIS_PREV_HASH,
    HASHED_FIELDS,
    canonical_bytes,
    event_hash,
)
from partnership.audit.checkpoint_files import (
    Checkpoint,
    CheckpointKind,
    LoadedCheckpoint,
    load_directory,
)
from partnership.audit.keys import verify_keys
from partnership.audit.models import AuditEvent
from partnership.core.db import protected_table_sql

TABLE = "audit_auditevent"
# Equal to the message of migration 0002: the installed triggers are compared with it.
TRIGGER_MESSAGE = "audit events are append-only and cannot be changed or deleted"
BATCH_SIZE = 2000

Progress = Callable[[int, int], None]

_FIELDS = (*HASHED_FIELDS, "hash")  # what is read back: the hashed fields and the hash


@dataclass(frozen=True)
class Problem:
    """What is wrong; ``sequence`` is the event concerned, when one is."""

    code: str  # "trigger", "chain", "checkpoint", "truncated", "unanchored"
    message: str
    sequence: int | None = None


@dataclass
class ChainWalk:
    count: int = 0
    head_sequence: int = 0
    head_hash: str = GENESIS_PREV_HASH
    problems: list[Problem] = field(default_factory=list)
    # sequence → (stored hash, number of events up to and including it)
    seen: dict[int, tuple[str, int]] = field(default_factory=dict)


@dataclass
class VerifyReport:
    chain_id: str = ""
    count: int = 0
    head_sequence: int = 0
    head_hash: str = ""
    checkpoints_checked: int = 0
    checkpoints_superseded: int = 0
    other_chain_files: int = 0
    newest_checkpoint: int = 0
    lost_ranges: list[tuple[int, int]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # The newest checkpoint beyond the head (a truncated tail or a restored backup).
    beyond_head: Checkpoint | None = None

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def first_bad_event(self) -> Problem | None:
        located = [problem for problem in self.problems if problem.sequence is not None]
        return min(located, key=lambda problem: problem.sequence or 0, default=None)

    def as_json(self) -> dict[str, Any]:
        first = self.first_bad_event
        return {
            "passed": self.ok,
            "chain_id": self.chain_id,
            "count": self.count,
            "head": {"sequence": self.head_sequence, "hash": self.head_hash},
            "first_bad_event": None
            if first is None
            else {"sequence": first.sequence, "problem": first.message},
            "problems": [
                {"code": p.code, "sequence": p.sequence, "message": p.message}
                for p in self.problems
            ],
            "checkpoints": {
                "checked": self.checkpoints_checked,
                "superseded_by_rollback": self.checkpoints_superseded,
                "newest_sequence": self.newest_checkpoint,
                "other_chains_ignored": self.other_chain_files,
            },
            "lost_ranges": [{"from": lo, "to": hi} for lo, hi in self.lost_ranges],
            "warnings": self.warnings,
        }


def walk_chain(
    *,
    after_sequence: int = 0,
    after_hash: str = GENESIS_PREV_HASH,
    want: Iterable[int] = (),
    batch_size: int = BATCH_SIZE,
    progress: Progress | None = None,
) -> ChainWalk:
    """Recompute the chain from ``after_sequence + 1`` to the head, in batches.

    Each event is checked against the one before it as stored, so one changed row
    yields one problem, at that row.
    """
    wanted = set(want)
    walk = ChainWalk(head_sequence=after_sequence, head_hash=after_hash)
    total = AuditEvent.objects.filter(sequence__gt=after_sequence).count() if progress else 0
    expected, previous = after_sequence + 1, after_hash
    rows = AuditEvent.objects.order_by("sequence").values(*_FIELDS)
    while True:
        batch = list(rows.filter(sequence__gt=walk.head_sequence)[:batch_size])
        if not batch:
            return walk
        for row in batch:
            walk.problems.extend(_check_row(row, expected=expected, previous=previous))
            sequence = row["sequence"]
            walk.count += 1
            if sequence in wanted:
                walk.seen[sequence] = (row["hash"], after_sequence + walk.count)
            expected, previous = sequence + 1, row["hash"]
            walk.head_sequence, walk.head_hash = sequence, row["hash"]
        if progress:
            progress(walk.count, total)


def _check_row(row: dict[str, Any], *, expected: int, previous: str) -> list[Problem]:
    sequence = row["sequence"]
    problems = []
    if sequence > expected:
        missing = f"{expected}" if sequence == expected + 1 else f"{expected}–{sequence - 1}"
        problems.append(
            Problem("chain", f"event {missing} missing: event {sequence} follows it", expected)
        )
    elif sequence < expected:
        problems.append(
            Problem("chain", f"event {sequence} is out of place (expected {expected})", sequence)
        )
    if row["prev_hash"] != previous:
        problems.append(
            Problem(
                "chain",
                f"event {sequence}: prev_hash does not match the hash of the event before it",
                sequence,
            )
        )
    try:
        canonical = canonical_bytes(**{name: row[name] for name in HASHED_FIELDS})
        recomputed = event_hash(prev_hash=row["prev_hash"], canonical=canonical)
    except (ValueError, TypeError):
        recomputed = None
    if recomputed != row["hash"]:
        problems.append(
            Problem(
                "chain",
                f"event {sequence}: its contents do not match its hash (changed after writing)",
                sequence,
            )
        )
    return problems


def trigger_problems() -> list[Problem]:
    """The append-only triggers, compared with what migration 0002 installs."""
    forward, _ = protected_table_sql(vendor=connection.vendor, table=TABLE, message=TRIGGER_MESSAGE)
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s",
                [TABLE],
            )
            found = dict(cursor.fetchall())
            expected = dict(zip((f"{TABLE}_no_update", f"{TABLE}_no_delete"), forward, strict=True))
            return _compare_triggers(expected, found)
        cursor.execute(
            "SELECT t.tgname, t.tgenabled::text || ':' || t.tgtype::text || ':' "
            "|| p.proname || ':' || p.prosrc FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid "
            "WHERE t.tgrelid = %s::regclass AND NOT t.tgisinternal",
            [TABLE],
        )
        found = dict(cursor.fetchall())
    body = forward[0].split("$$")[1]
    function = f"{TABLE}_refuse_change"
    # tgenabled "O": fires; tgtype bits: 1 row, 2 before, 8 delete, 16 update, 32 truncate.
    return _compare_triggers(
        {
            f"{TABLE}_no_change": f"O:27:{function}:{body}",
            f"{TABLE}_no_truncate": f"O:34:{function}:{body}",
        },
        found,
    )


def _compare_triggers(expected: dict[str, str], found: dict[str, str]) -> list[Problem]:
    problems = []
    for name, definition in expected.items():
        if name not in found:
            problems.append(Problem("trigger", f"protective trigger {name} is missing (dropped?)"))
        elif found[name] != definition:
            problems.append(Problem("trigger", f"protective trigger {name} is altered or disabled"))
    return problems


def chain_id_candidates() -> tuple[str, set[str]]:
    """This chain's id (its first event's hash) and every hash that may stand for it.

    If the first event was deleted or its hash edited, the second still names it in
    ``prev_hash``: checkpoints stay attributed to this chain and show the damage.
    """
    first_two = list(
        AuditEvent.objects.order_by("sequence").values("sequence", "hash", "prev_hash")[:2]
    )
    if not first_two:
        return "", set()
    first = first_two[0]
    candidates = {first["hash"]}
    chain_id = first["hash"]
    if first["sequence"] == 2 and first["prev_hash"] != GENESIS_PREV_HASH:
        chain_id = first["prev_hash"]
        candidates.add(chain_id)
    if len(first_two) == 2:
        candidates.add(first_two[1]["prev_hash"])
    return chain_id, candidates


def own_checkpoints(
    loaded: list[LoadedCheckpoint], candidates: set[str]
) -> tuple[list[LoadedCheckpoint], int]:
    """The files of this chain, and how many other files (other chains') were ignored."""
    prefixes = {candidate[:16] for candidate in candidates}
    own = []
    for entry in loaded:
        if entry.checkpoint is not None:
            mine = entry.checkpoint.chain_id in candidates
        else:
            mine = entry.path.name[:16] in prefixes
        if mine:
            own.append(entry)
    return own, len(loaded) - len(own)


def _superseded(checkpoint: Checkpoint, rollbacks: list[Checkpoint]) -> bool:
    """Covered by a rollback acknowledgement signed after it: part of the lost range."""
    return any(
        ack is not checkpoint
        and ack.sequence < checkpoint.sequence <= (ack.lost_to or 0)
        and checkpoint.written_at <= ack.written_at
        for ack in rollbacks
    )


def audit_verify(
    *,
    directory: Path | None = None,
    batch_size: int = BATCH_SIZE,
    progress: Progress | None = None,
) -> VerifyReport:
    report = VerifyReport()
    report.problems.extend(trigger_problems())
    report.chain_id, candidates = chain_id_candidates()
    loaded = load_directory(directory or settings.AUDIT_CHECKPOINT_DIR, verify_keys())
    own, report.other_chain_files = own_checkpoints(loaded, candidates)
    sound = [entry.checkpoint for entry in own if entry.checkpoint and entry.problem is None]
    for entry in own:
        if entry.problem is not None:
            report.problems.append(
                Problem("checkpoint", f"checkpoint {entry.path.name}: {entry.problem}")
            )

    walk = walk_chain(want={cp.sequence for cp in sound}, batch_size=batch_size, progress=progress)
    report.count, report.head_sequence = walk.count, walk.head_sequence
    report.head_hash = walk.head_hash if walk.count else ""
    report.problems.extend(walk.problems)

    rollbacks = [cp for cp in sound if cp.kind == CheckpointKind.ROLLBACK]
    for ack in rollbacks:
        report.lost_ranges.append((ack.lost_from or 0, ack.lost_to or 0))
    names = {entry.checkpoint: entry.path.name for entry in own if entry.checkpoint}
    for cp in sound:
        if _superseded(cp, rollbacks):
            report.checkpoints_superseded += 1
            continue
        report.checkpoints_checked += 1
        report.newest_checkpoint = max(report.newest_checkpoint, cp.sequence)
        if cp.sequence > walk.head_sequence:
            if report.beyond_head is None or cp.sequence > report.beyond_head.sequence:
                report.beyond_head = cp
            continue
        report.problems.extend(_against_log(cp, names[cp], walk))
    if report.beyond_head is not None:
        newest = report.beyond_head
        report.problems.append(
            Problem(
                "truncated",
                f"event {walk.head_sequence + 1} missing: the log ends at event "
                f"{walk.head_sequence} but checkpoint {names[newest]} signed event "
                f"{newest.sequence} (truncated tail; after restoring a backup, run "
                "audit_checkpoint --acknowledge-rollback)",
                walk.head_sequence + 1,
            )
        )
    _anchoring(report, own_found=bool(own))
    return report


def _against_log(cp: Checkpoint, name: str, walk: ChainWalk) -> list[Problem]:
    stored = walk.seen.get(cp.sequence)
    if stored is None:
        return [
            Problem(
                "chain", f"event {cp.sequence} signed by checkpoint {name} is missing", cp.sequence
            )
        ]
    stored_hash, count = stored
    if stored_hash != cp.hash:
        return [
            Problem(
                "chain",
                f"event {cp.sequence}: hash differs from the one signed by checkpoint {name}",
                cp.sequence,
            )
        ]
    if count != cp.count:
        return [
            Problem(
                "chain",
                f"event {cp.sequence}: {count} events up to it, checkpoint {name} signed "
                f"{cp.count}",
                cp.sequence,
            )
        ]
    return []


def _anchoring(report: VerifyReport, *, own_found: bool) -> None:
    if report.count == 0:
        if report.other_chain_files:
            report.warnings.append(
                f"the log is empty; {report.other_chain_files} checkpoint file(s) of other "
                "chains ignored"
            )
        return
    if not own_found and report.other_chain_files:
        report.problems.append(
            Problem(
                "unanchored",
                f"no checkpoint of this chain, yet {report.other_chain_files} of other chains: "
                "was the whole log rewritten? (a new database: run audit_checkpoint first)",
            )
        )
    elif not own_found:
        report.warnings.append("no checkpoint yet: run audit_checkpoint")
    elif report.newest_checkpoint < report.head_sequence:
        report.warnings.append(
            f"events after {report.newest_checkpoint} are not yet covered by a checkpoint"
        )
