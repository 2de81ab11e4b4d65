from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from partnership.compliance.processing.record import processing_record, processing_record_csv


class Command(BaseCommand):
    help = (
        "Print the record of processing activities (UK GDPR Art. 30), built from the data "
        "inventory, the processor register, the cookie registry and the retention rules. "
        "--json prints {controller, processor_data_kinds, activities: [...]}; --csv one row "
        "per activity."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        formats = parser.add_mutually_exclusive_group()
        formats.add_argument("--json", action="store_true", help="print the record as JSON")
        formats.add_argument("--csv", action="store_true", help="print one CSV row per activity")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["csv"]:
            self.stdout.write(processing_record_csv(), ending="")
            return
        record = processing_record()
        if options["json"]:
            self.stdout.write(json.dumps(record, indent=2, ensure_ascii=False))
            return
        controller = record["controller"]
        self.stdout.write(f"Controller: {controller['name']}, {controller['address']}")
        self.stdout.write(f"Data protection officer: {controller['dpo_email']}")
        for activity in record["activities"]:
            self.stdout.write("")
            self.stdout.write(f"{activity['name']}: {activity['purpose']}")
            self.stdout.write("  Lawful bases: " + "; ".join(activity["lawful_bases"]))
            categories = [item["category"] for item in activity["data_categories"]]
            self.stdout.write("  Data: " + (", ".join(categories) or "aggregate counts only"))
            recipients = [item["name"] for item in activity["recipients"]]
            self.stdout.write("  Recipients: " + (", ".join(recipients) or "none"))
