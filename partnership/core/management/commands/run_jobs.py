from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from partnership.core import jobs


class Command(BaseCommand):
    help = "Run the periodic jobs that are due (once, or every few seconds with --loop)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--loop", action="store_true", help="keep running until stopped")
        parser.add_argument(
            "--interval", type=int, default=5, help="seconds between checks with --loop"
        )
        parser.add_argument("--list", action="store_true", help="list the registered jobs")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["list"]:
            for job in jobs.registered():
                self.stdout.write(
                    f"{job.name}\tevery {job.every_seconds}s\t{' '.join(job.command)}"
                    f"\t{job.description}"
                )
            return
        while True:
            for name in jobs.run_due_jobs():
                self.stdout.write(f"ran {name}")
            if not options["loop"]:
                return
            try:
                time.sleep(options["interval"])
            except KeyboardInterrupt:
                return
