from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from partnership.analytics.rollups import monthly_rollup_run
from partnership.core import clock


class Command(BaseCommand):
    help = (
        "Add up each finished month of the daily visitor counters into monthly rows, so "
        "long reports stay fast; redo a month whose daily rows changed since. Safe to run "
        "any time: reports are the same with or without it."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        months = monthly_rollup_run(today=clock.today_in_london())
        done = ", ".join(f"{month:%Y-%m}" for month in months) or "none"
        self.stdout.write(f"Months rolled up: {done}")
