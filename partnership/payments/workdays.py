"""Bacs time limits, counted in the working days of ``core.workdays``."""

from __future__ import annotations

import datetime as dt

from partnership.core.workdays import next_working_day

ADVANCE_NOTICE_WORKING_DAYS = 10
CONFIRMATION_WORKING_DAYS = 3


def collection_day(due_on: dt.date) -> dt.date:
    """A collection falls on the due date, or the next working day after it."""
    return next_working_day(due_on)
