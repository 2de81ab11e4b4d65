"""The retention engine: every registered rule applied in short batches.

Table rows go in batches of at most the rule's ``batch_size`` primary keys, one
transaction each, sized so that each holds the write lock for about
``BATCH_TARGET_SECONDS``: writers wait at most one short batch. Rows under a legal
hold are left alone. One audit event records each real run.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from time import perf_counter
from typing import Any, Literal

from django.db import transaction

from partnership.audit.events import AuditEventType
from partnership.audit.services import Actor, audit_record
from partnership.core import clock
from partnership.privacy.retention.rules import (
    FileRule,
    TableRule,
    audit_key,
    expired_files,
    expired_rows,
    registered,
    rule_period,
)

logger = logging.getLogger(__name__)

Progress = Callable[[str], None]
# A breath between batches. On SQLite a waiting writer's busy handler sleeps and
# retries; without a gap the next batch takes the lock before it wakes, and it can
# wait for seconds. 25 ms lets it in at its next retry.
BATCH_PAUSE_SECONDS = 0.025
# Batches adapt to the machine: a batch that held the write lock longer than this
# halves the next one; one that took under half of it doubles the next, up to the
# rule's ``batch_size``. So a writer's wait stays near this figure on a busy machine.
BATCH_TARGET_SECONDS = 0.020
# ... but never below this many rows (or the rule's own size if smaller), nor above
# the size a run starts with until a batch has shown it is quick.
MIN_BATCH_SIZE = 100
START_BATCH_SIZE = 250


@dataclass
class RuleOutcome:
    rule: str
    kind: Literal["table", "files"]
    cutoff: str = ""  # ISO time: what is older than this has expired
    expired: int = 0  # expired and free to delete
    held: int = 0  # expired but kept by a legal hold
    deleted: int = 0
    batches: int = 0
    error: str = ""  # the exception's class name; never a value


@dataclass
class RetentionReport:
    run_id: str
    dry_run: bool
    started_at: str
    finished_at: str = ""
    rules: list[RuleOutcome] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not any(outcome.error for outcome in self.rules)

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "passed": self.passed}


def retention_run(*, dry_run: bool, progress: Progress | None = None) -> RetentionReport:
    """Apply every rule (or, with ``dry_run``, only count). One audit event per real run."""
    report = RetentionReport(
        run_id=str(uuid.uuid4()), dry_run=dry_run, started_at=clock.now().isoformat()
    )
    for rule in registered():
        kind: Literal["table", "files"] = "table" if isinstance(rule, TableRule) else "files"
        outcome = RuleOutcome(rule=rule.name, kind=kind)
        try:
            cutoff = clock.now() - rule_period(rule)
            outcome.cutoff = cutoff.isoformat()
            if isinstance(rule, TableRule):
                _apply_table_rule(rule, cutoff, outcome, dry_run=dry_run, progress=progress)
            else:
                _apply_file_rule(rule, cutoff, outcome, dry_run=dry_run, progress=progress)
        except Exception as exc:
            # One broken rule must not stop the others; the log names no value.
            logger.exception("retention rule %s failed", rule.name)
            outcome.error = type(exc).__name__
        report.rules.append(outcome)
    report.finished_at = clock.now().isoformat()
    if not dry_run:
        _audit(report)
    return report


def _audit(report: RetentionReport) -> None:
    # Audit data is flat ids and numbers: one "<rule>_deleted" and "<rule>_held" each.
    data: dict[str, int | bool | str | None] = {
        "rules": len(report.rules),
        "failed_rules": sum(1 for outcome in report.rules if outcome.error),
    }
    for outcome in report.rules:
        key = audit_key(outcome.rule)
        data[f"{key}_deleted"] = outcome.deleted
        data[f"{key}_held"] = outcome.held
    with transaction.atomic():
        audit_record(
            event=AuditEventType.PRIVACY_RETENTION_RUN,
            actor=Actor.system(),
            subject_type="retention-run",
            subject_id=report.run_id,
            data=data,
        )


def _apply_table_rule(
    rule: TableRule,
    cutoff: dt.datetime,
    outcome: RuleOutcome,
    *,
    dry_run: bool,
    progress: Progress | None,
) -> None:
    expired = expired_rows(rule, cutoff)
    candidates = rule.exclude_held(expired) if rule.exclude_held else expired
    total_expired = expired.count()
    outcome.expired = candidates.count()
    outcome.held = total_expired - outcome.expired
    if dry_run or outcome.expired == 0:
        return
    label = candidates.model._meta.label
    size = min(rule.batch_size, START_BATCH_SIZE)
    while True:
        started = perf_counter()
        with transaction.atomic():
            pks = list(candidates.order_by("pk").values_list("pk", flat=True)[:size])
            if not pks:
                break
            # The conditions are applied again inside this transaction: a row that
            # came under a hold since it was counted is not deleted.
            batch = candidates.filter(pk__in=pks)
            if rule.before_delete is not None:
                rule.before_delete(batch)
            _, per_model = batch.delete()
        size = next_batch_size(size, perf_counter() - started, maximum=rule.batch_size)
        deleted = per_model.get(label, 0)
        outcome.deleted += deleted
        outcome.batches += 1
        if progress is not None:
            progress(_progress_line(rule.name, outcome.deleted, outcome.expired))
        if deleted == 0:
            break
        time.sleep(BATCH_PAUSE_SECONDS)


def next_batch_size(size: int, elapsed: float, *, maximum: int) -> int:
    """The size of the batch after one of ``size`` rows that took ``elapsed`` seconds."""
    if elapsed > BATCH_TARGET_SECONDS:
        size //= 2
    elif elapsed < BATCH_TARGET_SECONDS / 2:
        size *= 2
    return max(min(maximum, MIN_BATCH_SIZE), min(maximum, size))


def _apply_file_rule(
    rule: FileRule,
    cutoff: dt.datetime,
    outcome: RuleOutcome,
    *,
    dry_run: bool,
    progress: Progress | None,
) -> None:
    expired = expired_files(rule, cutoff)
    outcome.expired = len(expired)
    if dry_run or not expired:
        return
    if rule.before_delete is not None:
        rule.before_delete(expired)
    for path in expired:
        path.unlink(missing_ok=True)
        outcome.deleted += 1
    outcome.batches = 1
    if progress is not None:
        progress(_progress_line(rule.name, outcome.deleted, outcome.expired))


def _progress_line(name: str, done: int, total: int) -> str:
    width = 30
    filled = width if total == 0 else min(width, done * width // total)
    return f"{name}: [{'#' * filled}{'.' * (width - filled)}] {done}/{total}"
