"""Reads of the DPIA register."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from partnership.compliance.dpia.models import Dpia


@dataclass(frozen=True)
class DpiaRow:
    dpia: Dpia
    overdue: bool


def dpia_register(*, today: dt.date) -> list[DpiaRow]:
    """Every assessment, the soonest review first, each marked overdue if past its date."""
    return [DpiaRow(dpia=dpia, overdue=dpia.review_by < today) for dpia in Dpia.objects.all()]
