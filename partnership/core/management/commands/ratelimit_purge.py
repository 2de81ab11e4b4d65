from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from partnership.core.ratelimit import rate_limit_purge_expired


class Command(BaseCommand):
    help = "Delete expired rate-limit counters and blocks (the database store)."

    def handle(self, *args: Any, **options: Any) -> None:
        deleted = rate_limit_purge_expired()
        if options["verbosity"] > 1:
            self.stdout.write(f"Deleted {deleted} expired rate-limit entries.")
