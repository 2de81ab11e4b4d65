from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from partnership.analytics.reports import (
    AnalyticsReport,
    ReportRow,
    range_last_days,
    report_as_json,
)
from partnership.analytics.selectors import analytics_report_get
from partnership.core import clock

MAX_DAYS = 3660  # ten years and a little


class Command(BaseCommand):
    help = (
        "Print the visitor statistics of the last N days, today included (Europe/London "
        "days): totals, areas, countries, browsers, devices and referrers. Counts below "
        "STATS_SUPPRESSION_THRESHOLD are withheld (null in JSON). Exit status 2 for bad "
        "arguments."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--days",
            metavar="N",
            required=True,
            help=f"how many days, today included (1 to {MAX_DAYS})",
        )
        parser.add_argument("--json", action="store_true", help="print the report as JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        raw = str(options["days"]).strip()
        if not raw.isdigit() or not 1 <= int(raw) <= MAX_DAYS:
            raise CommandError(f"--days must be a whole number from 1 to {MAX_DAYS}.", returncode=2)
        report = analytics_report_get(
            report_range=range_last_days(days=int(raw), today=clock.today_in_london())
        )
        if options["json"]:
            self.stdout.write(json.dumps(report_as_json(report), indent=2))
        else:
            self.stdout.write(report_text(report))


def _figure(value: int | None, threshold: int) -> str:
    return f"fewer than {threshold}" if value is None else f"{value:,}"


def report_text(report: AnalyticsReport) -> str:
    limit = report.threshold
    lines = [
        f"Visitor statistics {report.range.start.isoformat()} to {report.range.end.isoformat()} "
        f"(Europe/London days; counts below {limit} withheld)",
        f"Page views {_figure(report.views, limit)}, visitors {_figure(report.visitors, limit)}",
    ]
    sections: list[tuple[str, tuple[ReportRow, ...]]] = [
        ("Areas", report.areas),
        ("Countries", report.countries),
        ("Browsers", report.browsers),
        ("Devices", report.devices),
        ("Referring sites", report.referrers),
    ]
    for title, rows in sections:
        lines.append("")
        lines.append(f"{title}:" if rows else f"{title}: none")
        for row in rows:
            line = f"  {row.key:<32} {_figure(row.views, limit):>16} views"
            if title == "Areas":
                line += f" {_figure(row.visitors, limit):>16} visitors"
            lines.append(line)
    return "\n".join(lines)
