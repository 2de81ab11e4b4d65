"""``manage.py transparency_publish --quarter 2026Q3``: freeze a quarter's report."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from partnership.audit.services import Actor
from partnership.compliance.transparency.quarters import quarter_parse
from partnership.compliance.transparency.services import TransparencyPublishError
from partnership.public.transparency import transparency_publish


class Command(BaseCommand):
    help = "Publish the transparency report of a finished quarter; published ones never change."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--quarter", required=True, help="e.g. 2026Q3")

    def handle(self, *args: Any, **options: Any) -> None:
        quarter = quarter_parse(options["quarter"])
        if quarter is None:
            raise CommandError("Give the quarter as YYYYQn, e.g. 2026Q3.")
        try:
            report = transparency_publish(quarter=quarter, actor=Actor.system())
        except TransparencyPublishError as exc:
            raise CommandError(f"{exc}.") from exc
        self.stdout.write(f"Published the transparency report for {report.quarter}.")
