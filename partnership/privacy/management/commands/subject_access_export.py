from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from partnership.privacy.export import ExportPathError, UnknownSubject, subject_access_export
from partnership.privacy.subjects import InvalidSubjectEmail


class Command(BaseCommand):
    help = (
        "Write everything held on one person (every category of the data inventory) to "
        "PATH: a .zip when PATH ends so, else a new directory. Exit status 2 for an "
        "unknown person or bad arguments."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email", metavar="EMAIL", help="the person's e-mail address")
        parser.add_argument(
            "--out",
            metavar="PATH",
            required=True,
            type=Path,
            help="where to write the export (a .zip, or a directory that is new or empty)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        out: Path = options["out"]
        # Messages never repeat the e-mail address: they may end up in a log.
        try:
            result = subject_access_export(email=options["email"], out=out)
        except InvalidSubjectEmail as exc:
            raise CommandError("EMAIL is not an e-mail address.", returncode=2) from exc
        except UnknownSubject as exc:
            raise CommandError(
                "Nothing is held on that person in any category of the data inventory; "
                "no export was written.",
                returncode=2,
            ) from exc
        except ExportPathError as exc:
            raise CommandError(f"--out: {exc}.", returncode=2) from exc
        total = sum(result.counts.values())
        self.stderr.write(
            f"Searched {len(result.counts)} categories, found {total} records; "
            f"wrote a {result.archive} to {result.path}."
        )
