"""Factories for the breach register's tests."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from partnership.compliance.breaches.models import Breach
from partnership.compliance.breaches.services import BreachInput, breach_record

FOUND = dt.datetime(2026, 10, 24, 11, 0, tzinfo=dt.UTC)  # 12:00 BST


def breach_input(**overrides: Any) -> BreachInput:
    data = BreachInput(
        title="Statement e-mails sent to the wrong customers",
        occurred_at=FOUND - dt.timedelta(hours=5),
        found_at=FOUND,
        description="A mail-merge fault sent 12 statements to other customers.",
        data_categories=["complaints"],
        people_affected=12,
        records_affected=12,
        consequences="Others saw names and balances.",
        measures="The mail merge is stopped; the recipients were asked to delete them.",
    )
    return replace(data, **overrides)


def breach_make(*, staff_id: str = "officer", **overrides: Any) -> Breach:
    return breach_record(data=breach_input(**overrides), staff_id=staff_id)
