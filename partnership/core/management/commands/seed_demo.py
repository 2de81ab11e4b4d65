from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from partnership.core import seeding


class Command(BaseCommand):
    help = "Load the demo data (local mode only; safe to run again)."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.LOCAL_MODE:
            raise CommandError(
                "seed_demo runs only in local mode (HTTPS=off); it refuses to put demo "
                "data and known passwords into a production database.",
                returncode=2,
            )
        for seeder in seeding.registered():
            with transaction.atomic():
                lines = seeder.seed()
            for line in lines:
                self.stdout.write(line)
