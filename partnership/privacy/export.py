"""The subject access export: everything the inventory holds on one person.

``data.json`` holds every registered category, keyed by its name, and a ``meta``
block recording when it was made and which categories were searched with how many
records each (so the record of the search travels with the export).
``summary.html`` says the same in a self-contained page a person can read.
Files a person gave us (a secure message's attachment) travel beside them, under flat
names that ``data.json`` refers to; an app registers them with ``register_files``.
The output is a directory, or a ``.zip`` when the path ends so; it appears whole or
not at all, and never replaces an existing file or a non-empty directory.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.template.loader import render_to_string

from partnership.audit.events import AuditEventType
from partnership.audit.services import Actor, audit_record
from partnership.core import clock
from partnership.core.private_files import DIR_MODE, open_private, write_private
from partnership.core.registry import Registry
from partnership.privacy import inventory, retention
from partnership.privacy.subjects import DataSubject, data_subject_resolve

FORMAT_VERSION = 1
DATA_FILE = "data.json"
SUMMARY_FILE = "summary.html"


# A flat name: no folder, no dot at the start, nothing a file system reads specially.
_FILE_NAME = re.compile(r"[a-z0-9][a-z0-9_-]{0,80}\.[a-z0-9]{1,5}")


@dataclass(frozen=True)
class ExportFiles:
    """Files to put beside ``data.json`` for a person: flat file name → content."""

    name: str
    files: Callable[[DataSubject], dict[str, bytes]]


EXPORT_FILES: Registry[ExportFiles] = Registry("export files", name=lambda item: item.name)


def register_files(item: ExportFiles) -> None:
    """Called from an app's ``AppConfig.ready()``."""
    EXPORT_FILES.register(item)


def _person_files(subject: DataSubject) -> dict[str, bytes]:
    found: dict[str, bytes] = {}
    for item in EXPORT_FILES.all():
        for name, content in item.files(subject).items():
            if not _FILE_NAME.fullmatch(name) or name in (DATA_FILE, SUMMARY_FILE, *found):
                raise ValueError(f"export files {item.name!r} gave a name that cannot be used")
            found[name] = content
    return found


class UnknownSubject(LookupError):
    """No registered category holds anything on this person."""


class ExportPathError(ValueError):
    """The output path cannot take an export (it exists, or its folder does not)."""


@dataclass(frozen=True)
class ExportResult:
    path: Path
    archive: Literal["zip", "directory"]
    counts: dict[str, int]  # category → records


def subject_access_collect(*, subject: DataSubject) -> dict[str, Any]:
    """Every registered category for ``subject``, as the JSON ``data.json`` holds."""
    searched: list[dict[str, Any]] = []
    data: dict[str, Any] = {"meta": {}}
    for entry in inventory.registered():
        records = entry.export(subject)
        data[entry.category] = records
        searched.append(
            {"category": entry.category, "description": entry.description, "count": len(records)}
        )
    data["meta"] = {
        "format_version": FORMAT_VERSION,
        "generated_at": clock.now().isoformat(),
        "subject": {
            "email": subject.email,
            "user_id": str(subject.user_id) if subject.user_id else None,
        },
        "categories_searched": searched,
    }
    # Through JSON and back, so the summary shows exactly what data.json holds.
    collected: dict[str, Any] = json.loads(json.dumps(data, cls=DjangoJSONEncoder))
    return collected


def subject_access_export(
    *, email: str, out: Path, actor: Actor | None = None, reason: str = ""
) -> ExportResult:
    """Write the export for the person known by ``email`` to ``out``; audit it.

    Raises ``InvalidSubjectEmail``, ``UnknownSubject`` or ``ExportPathError``; none
    of their messages repeats the e-mail address.
    """
    archive: Literal["zip", "directory"] = "zip" if out.suffix.lower() == ".zip" else "directory"
    _check_target(out, archive=archive)
    subject = data_subject_resolve(email=email)
    data = subject_access_collect(subject=subject)
    counts = {item["category"]: item["count"] for item in data["meta"]["categories_searched"]}
    if sum(counts.values()) == 0:
        raise UnknownSubject("no registered category holds data on that person")
    files = {
        DATA_FILE: json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False).encode(),
        SUMMARY_FILE: subject_access_summary(data=data).encode(),
        **_person_files(subject),
    }
    audit_data: dict[str, int | str | bool | None] = {
        "format_version": FORMAT_VERSION,
        "archive": archive,
        "records": sum(counts.values()),
    }
    audit_data.update({f"n_{category}": count for category, count in counts.items()})
    staging = Path(tempfile.mkdtemp(prefix=".export-", dir=out.parent))
    try:
        with transaction.atomic():
            audit_record(
                event=AuditEventType.PRIVACY_SUBJECT_ACCESS_EXPORT,
                actor=actor or Actor.system(),
                subject_type="user" if subject.user_id else "",
                subject_id=str(subject.user_id) if subject.user_id else "",
                reason=reason,
                data=audit_data,
            )
            # Moved into place last: if that fails, the audit event rolls back too.
            if archive == "zip":
                _place_zip(staging, files, out)
            else:
                _place_directory(staging, files, out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return ExportResult(path=out, archive=archive, counts=counts)


def subject_access_summary(*, data: dict[str, Any]) -> str:
    """The readable page: self-contained, every value escaped by the template."""
    sections = []
    for item in data["meta"]["categories_searched"]:
        category = item["category"]
        entry = inventory.entry_for_category(category)
        rule = retention.rule_named(entry.retention_rule)
        sections.append(
            {
                "category": category,
                "description": entry.description,
                "count": item["count"],
                "fields": entry.fields,
                "retention": rule.description if rule else entry.retention_rule,
                "holds": entry.legal_holds,
                "records": [
                    [(key, _display(value)) for key, value in record.items()]
                    for record in data[category]
                ],
            }
        )
    return render_to_string(
        "privacy/export/summary.html",
        {"meta": data["meta"], "sections": sections},
    )


def _display(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dict | list):
        return json.dumps(value, indent=2, ensure_ascii=False)
    return str(value)


def _check_target(out: Path, *, archive: str) -> None:
    if not out.parent.is_dir():
        raise ExportPathError("the folder to write the export into does not exist")
    if archive == "zip" and (out.exists() or out.is_symlink()):
        raise ExportPathError("a file already exists at that path; it is never overwritten")
    if archive == "directory" and (out.is_symlink() or out.exists()):
        occupied = out.is_symlink() or not out.is_dir() or any(out.iterdir())
        if occupied:
            raise ExportPathError("that path exists and is not an empty directory")


def _place_zip(staging: Path, files: dict[str, bytes], out: Path) -> None:
    buffer = staging / "export.zip"
    with os.fdopen(open_private(buffer, os.O_WRONLY | os.O_EXCL), "wb") as handle:
        with zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name, content in files.items():
                archive.writestr(name, content)
        handle.flush()
        os.fsync(handle.fileno())
    try:
        # A hard link never replaces an existing file: it fails instead.
        os.link(buffer, out)
    except FileExistsError as exc:
        raise ExportPathError("a file already exists at that path") from exc


def _place_directory(staging: Path, files: dict[str, bytes], out: Path) -> None:
    directory = staging / "export"
    directory.mkdir(mode=DIR_MODE)
    os.chmod(directory, DIR_MODE)  # mkdir's mode is filtered by the umask
    for name, content in files.items():
        write_private(directory / name, content)
    try:
        # rename(2) replaces only an empty directory; a non-empty one makes it fail.
        os.rename(directory, out)
    except OSError as exc:
        raise ExportPathError("that path exists and is not an empty directory") from exc
