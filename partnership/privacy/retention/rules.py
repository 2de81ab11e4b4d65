"""Retention rules: what each table or set of files keeps, for how long, in one registry.

A rule targets a table (holding personal data or not) or a set of files, states how
long its rows or files are kept, and may run a step before deletion (a roll-up into
aggregate counts, say). Apps register rules from ``AppConfig.ready()``; inventory
entries name the rule their model follows. ``run.retention_run`` applies them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import models
from django.db.models import QuerySet

from partnership.core import clock
from partnership.core.registry import Registry

Period = dt.timedelta | Callable[[], dt.timedelta]
DEFAULT_BATCH_SIZE = 1000
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


def expired_rows(rule: TableRule, cutoff: dt.datetime) -> QuerySet[Any]:
    """The rows of a table rule older than ``cutoff``, held or not."""
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


def expired_files(rule: FileRule, cutoff: dt.datetime) -> list[Path]:
    """The files of a file rule older than ``cutoff``, by name (symlinks never count)."""
    directory = rule.directory()
    if not directory.is_dir():
        return []
    expired: list[Path] = []
    for path in sorted(directory.glob(rule.pattern)):
        if path.is_symlink() or not path.is_file():
            continue
        aged = rule.file_time(path)
        if aged is not None and aged < cutoff:
            expired.append(path)
    return expired


def overdue_count(rule: RetentionRule, cutoff: dt.datetime) -> int:
    """How many rows or files no legal hold keeps are older than ``cutoff``."""
    if isinstance(rule, FileRule):
        return len(expired_files(rule, cutoff))
    expired = expired_rows(rule, cutoff)
    return (rule.exclude_held(expired) if rule.exclude_held else expired).count()
