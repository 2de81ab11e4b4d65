from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Literal

from django.db.models import QuerySet

from partnership.core import clock
from partnership.policy.models import PolicyVersion


def policy_in_force() -> PolicyVersion | None:
    return (
        PolicyVersion.objects.filter(effective_from__lte=clock.today_in_london())
        .order_by("-number")
        .first()
    )


def policy_number_in_force() -> int | None:
    """The number of the version in force, for the consent records (ConsentRecord)."""
    version = policy_in_force()
    return version.number if version else None


def policy_version_list() -> QuerySet[PolicyVersion]:
    return PolicyVersion.objects.order_by("-number")


def policy_version_get(*, number: int) -> PolicyVersion | None:
    return PolicyVersion.objects.filter(number=number).first()


def policy_previous(*, version: PolicyVersion) -> PolicyVersion | None:
    return PolicyVersion.objects.filter(number__lt=version.number).order_by("-number").first()


@dataclass(frozen=True)
class DiffLine:
    kind: Literal["same", "added", "removed", "gap"]
    text: str


def policy_diff(*, older: PolicyVersion, newer: PolicyVersion, context: int = 2) -> list[DiffLine]:
    """The Markdown source lines that changed, with a little unchanged context."""
    old_lines = older.body.splitlines()
    new_lines = newer.body.splitlines()
    matcher = difflib.SequenceMatcher(a=old_lines, b=new_lines, autojunk=False)
    lines: list[DiffLine] = []
    for group in matcher.get_grouped_opcodes(context):
        if lines:
            lines.append(DiffLine("gap", ""))
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                lines.extend(DiffLine("same", text) for text in old_lines[i1:i2])
                continue
            lines.extend(DiffLine("removed", text) for text in old_lines[i1:i2])
            lines.extend(DiffLine("added", text) for text in new_lines[j1:j2])
    return lines
