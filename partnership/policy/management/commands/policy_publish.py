from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from partnership.policy.models import PolicyVersion
from partnership.policy.services import policy_publish

BODY_MAX = PolicyVersion._meta.get_field("body").max_length or 100_000


class Command(BaseCommand):
    help = (
        "Publish the next privacy policy version: the Markdown body from a file, with the "
        "cookie and retention tables generated now and frozen into it. A published version "
        "can never be changed. Exit status 2 on bad arguments or a refused version."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--summary", required=True, help="what changed, in a sentence")
        parser.add_argument(
            "--body-file", required=True, type=Path, metavar="PATH", help="the Markdown text"
        )
        parser.add_argument(
            "--effective", required=True, metavar="YYYY-MM-DD", help="the day it takes effect"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            effective = dt.date.fromisoformat(options["effective"])
        except ValueError as exc:
            raise CommandError("--effective must be a date, YYYY-MM-DD.", returncode=2) from exc
        path = Path(options["body_file"])
        try:
            body = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(
                f"--body-file: cannot read {path} as UTF-8 text.", returncode=2
            ) from exc
        if not body.strip() or len(body) > BODY_MAX:
            raise CommandError(
                f"--body-file must hold between 1 and {BODY_MAX:,} characters.", returncode=2
            )
        try:
            version = policy_publish(
                summary=options["summary"], body=body, effective_from=effective
            )
        except ValidationError as exc:
            messages = "; ".join(
                f"{field}: {' '.join(errors)}" for field, errors in exc.message_dict.items()
            )
            raise CommandError(f"Not published: {messages}", returncode=2) from exc
        self.stdout.write(
            f"Published version {version.number}, in force from {version.effective_from}, "
            f"with cookie registry revision {version.registry_revision}."
        )
