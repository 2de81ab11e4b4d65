"""What ``audit_verify`` found: each problem, and the report the command prints."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from partnership.audit.checkpoint_files import Checkpoint


@dataclass(frozen=True)
class Problem:
    """What is wrong; ``sequence`` is the event concerned, when one is."""

    code: str  # "trigger", "chain", "checkpoint", "truncated", "unanchored"
    message: str
    sequence: int | None = None


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
