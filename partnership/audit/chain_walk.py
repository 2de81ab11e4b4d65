"""Walking the hash chain: recompute every event's hash in sequence order, and find
which hashes may stand for this chain's id."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from partnership.audit.chain import GENESIS_PREV_HASH, HASHED_FIELDS, canonical_bytes, event_hash
from partnership.audit.models import AuditEvent
from partnership.audit.report import Problem

BATCH_SIZE = 2000

Progress = Callable[[int, int], None]

_FIELDS = (*HASHED_FIELDS, "hash")  # what is read back: the hashed fields and the hash


@dataclass
class ChainWalk:
    count: int = 0
    head_sequence: int = 0
    head_hash: str = GENESIS_PREV_HASH
    problems: list[Problem] = field(default_factory=list)
    # sequence → (stored hash, number of events up to and including it)
    seen: dict[int, tuple[str, int]] = field(default_factory=dict)


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
        canonical = canonical_bytes(**{name: row[name] for name in _FIELDS if name != "hash"})
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
