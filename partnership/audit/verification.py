"""Verifying the audit log: the chain, the signed checkpoints and the triggers.

``audit_verify`` recomputes every event's hash in sequence order, checks each
checkpoint of this chain found in ``AUDIT_CHECKPOINT_DIR`` (signature, hash and
count at its sequence, and that the log does not end before it), and that the
triggers keeping the table append-only are installed as migration 0002 made them.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.db import connection

from partnership.audit.chain_walk import (
    BATCH_SIZE,
    ChainWalk,
    Progress,
    chain_id_candidates,
    walk_chain,
)
from partnership.audit.checkpoint_files import (
    Checkpoint,
    CheckpointKind,
    LoadedCheckpoint,
    load_directory,
)
from partnership.audit.keys import verify_keys
from partnership.audit.report import Problem, VerifyReport
from partnership.core.db import protected_table_sql

__all__ = [
    "BATCH_SIZE",
    "Problem",
    "VerifyReport",
    "audit_verify",
    "chain_id_candidates",
    "own_checkpoints",
    "trigger_problems",
    "walk_chain",
]

TABLE = "audit_auditevent"
# Equal to the message of migration 0002: the installed triggers are compared with it.
TRIGGER_MESSAGE = "audit events are append-only and cannot be changed or deleted"


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
    own = _own_files(report, directory=directory, candidates=candidates)
    sound = [entry.checkpoint for entry in own if entry.checkpoint and entry.problem is None]

    walk = walk_chain(want={cp.sequence for cp in sound}, batch_size=batch_size, progress=progress)
    report.count, report.head_sequence = walk.count, walk.head_sequence
    report.head_hash = walk.head_hash if walk.count else ""
    report.problems.extend(walk.problems)

    names = {entry.checkpoint: entry.path.name for entry in own if entry.checkpoint}
    _check_checkpoints(report, sound=sound, names=names, walk=walk)
    if report.beyond_head is not None:
        report.problems.append(_truncated(report.beyond_head, names=names, walk=walk))
    _anchoring(report, own_found=bool(own))
    return report


def _own_files(
    report: VerifyReport, *, directory: Path | None, candidates: set[str]
) -> list[LoadedCheckpoint]:
    """This chain's checkpoint files; the others are counted, unreadable ones reported."""
    loaded = load_directory(directory or settings.AUDIT_CHECKPOINT_DIR, verify_keys())
    own, report.other_chain_files = own_checkpoints(loaded, candidates)
    for entry in own:
        if entry.problem is not None:
            report.problems.append(
                Problem("checkpoint", f"checkpoint {entry.path.name}: {entry.problem}")
            )
    return own


def _check_checkpoints(
    report: VerifyReport,
    *,
    sound: list[Checkpoint],
    names: dict[Checkpoint, str],
    walk: ChainWalk,
) -> None:
    """Each sound checkpoint against the log, unless a rollback superseded it; the newest
    one beyond the head is kept in ``report.beyond_head``."""
    rollbacks = [cp for cp in sound if cp.kind == CheckpointKind.ROLLBACK]
    for ack in rollbacks:
        report.lost_ranges.append((ack.lost_from or 0, ack.lost_to or 0))
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


def _truncated(newest: Checkpoint, *, names: dict[Checkpoint, str], walk: ChainWalk) -> Problem:
    return Problem(
        "truncated",
        f"event {walk.head_sequence + 1} missing: the log ends at event "
        f"{walk.head_sequence} but checkpoint {names[newest]} signed event "
        f"{newest.sequence} (truncated tail; after restoring a backup, run "
        "audit_checkpoint --acknowledge-rollback)",
        walk.head_sequence + 1,
    )


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
