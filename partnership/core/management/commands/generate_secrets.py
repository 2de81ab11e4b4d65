from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from partnership.core.production_secrets import environment_file_text


class Command(BaseCommand):
    help = (
        "Print a fresh value of every production secret as NAME=value lines for an "
        "environment file (docs/operations.md). Prints only; stores nothing."
    )
    # It must run where the site is not configured yet.
    requires_system_checks: list[str] = []

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(environment_file_text(), ending="")
