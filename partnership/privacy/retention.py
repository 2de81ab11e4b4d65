"""The retention engine: rules of their own registry, applied in short batches.

A rule targets a table (holding personal data or not) or a set of files, states how
long its rows or files are kept, and may run a step before deletion (a roll-up into
aggregate counts, say). Apps register rules from ``AppConfig.ready()``; inventory
entries name the rule their model follows. ``retention_run`` applies every rule:
table rows go in batches of at most ``batch_size`` primary keys, one transaction each,
sized so that each holds the write lock for about ``BATCH_TARGET_SECONDS``: writers
wait at most one short batch. Rows under a legal hold are left alone.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import time
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from time import perf_counter
from typing import Any, Literal

from django.db import models, transaction
from django.db.models import QuerySet

from partnership.audit.events import AuditEventType
from partnership.audit.services import Actor, audit_record
from partnership.core import clock
from partnership.core.registry import Registry

logger = logging.getLogger(__name__)

Period = dt.timedelta | Callable[[], dt.timedelta]
Progress = Callable[[str], None]
DEFAULT_BATCH_SIZE = 1000
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
# Short enough that "<name>_deleted" is a valid audit data key.
RULE_NAME = re.compile(r"[a-z][a-z0-9_-]{0,29}")


class RetentionError(ValueError):
    """A rule that cannot be registered or applied as written."""


@dataclass(frozen=True)
class TableRule:
    """Rows of ``queryset()`` whose ``aged_by`` is older than ``period`` are deleted.

    ``exclude_held`` narrows a queryset to the rows no legal hold protects;
    ``before_delete`` receives each batch inside the transaction that deletes it.
    """

    name: str
    description: str  # what is kept, for how long and why ("… 3 years from receipt …")
    queryset: Callable[[], QuerySet[Any]]
    aged_by: str  # a DateTimeField or DateField of the model
    period: Period
    exclude_held: Callable[[QuerySet[Any]], QuerySet[Any]] | None = None
    before_delete: Callable[[QuerySet[Any]], None] | None = None
    batch_size: int = DEFAULT_BATCH_SIZE


def file_modified_at(path: Path) -> dt.datetime | None:
    """A file's age judged by its modification time."""
    return dt.datetime.fromtimestamp(path.stat().st_mtime, tz=dt.UTC)


def file_date_in_name(pattern: str) -> Callable[[Path], dt.datetime | None]:
    """A file's age judged by a ``YYYY-MM-DD`` date in its name (the ``date`` group of
    ``pattern``), taken as the end of that Europe/London day. Files whose name holds no
    valid date are never judged old."""
    compiled = re.compile(pattern)

    def judge(path: Path) -> dt.datetime | None:
        match = compiled.fullmatch(path.name)
        if match is None:
            return None
        try:
            day = dt.date.fromisoformat(match.group("date"))
        except ValueError:
            return None
        return dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), tzinfo=clock.LONDON)

    return judge


@dataclass(frozen=True)
class FileRule:
    """Files in ``directory()`` matching ``pattern`` (a glob) older than ``period`` are
    deleted. ``file_time`` says how old a file is (None: never delete it);
    ``before_delete`` receives the expiring files before any is removed."""

    name: str
    description: str
    directory: Callable[[], Path]
    pattern: str
    period: Period
    file_time: Callable[[Path], dt.datetime | None] = file_modified_at
    before_delete: Callable[[list[Path]], None] | None = None


RetentionRule = TableRule | FileRule


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


RULES: Registry[RetentionRule] = Registry(
    "retention rule", name=lambda rule: rule.name, error=RetentionError
)


def audit_key(name: str) -> str:
    """The rule's name as an audit data key (snake_case)."""
    return name.replace("-", "_")


def register(rule: RetentionRule) -> None:
    if not RULE_NAME.fullmatch(rule.name):
        raise RetentionError(
            f"retention rule name {rule.name!r} must be 1-30 of a-z 0-9 _ - starting with a letter"
        )
    others = [other.name for other in RULES.all() if other.name != rule.name]
    if any(audit_key(name) == audit_key(rule.name) for name in others):
        raise RetentionError(f"retention rule {rule.name!r} differs from another only by - and _")
    if isinstance(rule, TableRule) and rule.batch_size < 1:
        raise RetentionError(f"retention rule {rule.name!r} needs a positive batch size")
    RULES.register(rule)


registered = RULES.all
rule_named = RULES.get
registry_isolated = RULES.isolated  # test-only


def rule_period(rule: RetentionRule) -> dt.timedelta:
    period = rule.period if isinstance(rule.period, dt.timedelta) else rule.period()
    if period <= dt.timedelta(0):
        raise RetentionError(f"retention rule {rule.name!r} has a period that is not positive")
    return period


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


def _expired(rule: TableRule, cutoff: dt.datetime) -> QuerySet[Any]:
    queryset = rule.queryset()
    model_field = _field_at(queryset.model, rule.aged_by)
    if isinstance(model_field, models.DateTimeField):
        limit: dt.date | dt.datetime = cutoff
    elif isinstance(model_field, models.DateField):
        limit = cutoff.astimezone(clock.LONDON).date()
    else:
        raise RetentionError(f"retention rule {rule.name!r}: {rule.aged_by!r} is not a date")
    return queryset.filter(**{f"{rule.aged_by}__lt": limit})


def _field_at(model: type[models.Model], path: str) -> Any:
    """The field a lookup path such as ``account__closed_at`` ends at."""
    *relations, last = path.split("__")
    for name in relations:
        related = model._meta.get_field(name).related_model
        if related is None or isinstance(related, str):
            raise RetentionError(f"{name!r} in {path!r} is not a relation")
        model = related
    return model._meta.get_field(last)


def _apply_table_rule(
    rule: TableRule,
    cutoff: dt.datetime,
    outcome: RuleOutcome,
    *,
    dry_run: bool,
    progress: Progress | None,
) -> None:
    expired = _expired(rule, cutoff)
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
    directory = rule.directory()
    if not directory.is_dir():
        return
    expired: list[Path] = []
    for path in sorted(directory.glob(rule.pattern)):
        if path.is_symlink() or not path.is_file():
            continue
        aged = rule.file_time(path)
        if aged is not None and aged < cutoff:
            expired.append(path)
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
