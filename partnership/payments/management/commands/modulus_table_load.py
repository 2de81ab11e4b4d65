"""``manage.py modulus_table_load PATH [--substitutions PATH] --version V --date YYYY-MM-DD``

Replace the modulus weight table (and, if given, the sort-code substitution table)
with files Vocalink published. Both files are checked line by line first: a bad file
exits with status 2 and nothing is replaced. Without ``--substitutions`` the
substitution table in force is kept.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from partnership.audit.events import AuditEventType
from partnership.audit.services import Actor, audit_record
from partnership.payments.models import ModulusTableVersion
from partnership.payments.modulus_table import (
    ModulusTableError,
    parse_substitutions,
    parse_weights,
    table_source_current,
)


def _read(path: str) -> str:
    try:
        return Path(path).read_text(encoding="ascii")
    except (OSError, UnicodeDecodeError) as error:
        raise CommandError(f"cannot read {path}: {type(error).__name__}", returncode=2) from None


class Command(BaseCommand):
    help = "Replace the Vocalink modulus weight table (and substitution table)."

    def add_base_argument(self, parser: CommandParser, *args: Any, **kwargs: Any) -> None:
        # ``--version`` names the table's version here, not Django's.
        if "--version" not in args:
            super().add_base_argument(parser, *args, **kwargs)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="the weight table, valacdos.txt")
        parser.add_argument("--substitutions", help="the substitution table, scsubtab.txt")
        parser.add_argument("--version", dest="table_version", required=True)
        parser.add_argument("--date", dest="published_on", required=True)

    def handle(self, *args: Any, **options: Any) -> None:
        version = str(options["table_version"]).strip()
        if not version or len(version) > 40:
            raise CommandError("--version must be 1 to 40 characters", returncode=2)
        try:
            published_on = dt.date.fromisoformat(options["published_on"])
        except ValueError:
            raise CommandError("--date must be YYYY-MM-DD", returncode=2) from None
        weights = _read(options["path"])
        try:
            rows = parse_weights(weights)
            if options["substitutions"]:
                substitutions = _read(options["substitutions"])
            else:
                substitutions = table_source_current()[1]
            subs = parse_substitutions(substitutions)
        except ModulusTableError as error:
            raise CommandError(f"not replaced: {error}", returncode=2) from None
        with transaction.atomic():
            loaded = ModulusTableVersion.objects.create(
                version=version,
                published_on=published_on,
                weights=weights,
                substitutions=substitutions,
            )
            audit_record(
                event=AuditEventType.PAYMENTS_MODULUS_TABLE_LOAD,
                actor=Actor.system(),
                subject_type="modulus_table",
                subject_id=str(loaded.pk),
                data={"rows": len(rows), "substitutions": len(subs)},
            )
        self.stdout.write(
            f"Modulus table {version} of {published_on.isoformat()} in force: "
            f"{len(rows)} weight rows, {len(subs)} substitutions."
        )
