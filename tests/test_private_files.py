"""Everything the site writes under var/ is its owner's alone: files 0600, folders 0700.

The test starts from a ``var/`` that does not exist, under the common umask 022 (so
the modes are the writers' own, not the umask's), lets every writer make its files —
``migrate`` (database, local secrets), a local-mode e-mail, an audit checkpoint, the
erasure ledger, two days of access log (a rotation), a subject access export, a
regenerated secret — and walks the whole tree while the database is open (its ``-wal``
and ``-shm`` exist only then).
"""

from __future__ import annotations

import datetime as dt
import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db import connection
from pytest_django import Settings

from partnership.analytics.access_log import AccessLogWriter
from partnership.audit.checkpoints import checkpoint_write
from partnership.audit.tests.helpers import append
from partnership.compliance.complaints.models import ComplaintTopic, ReplyPreference
from partnership.compliance.complaints.services import ComplaintInput, complaint_submit
from partnership.compliance.rights.handling import rights_request_export_dir
from partnership.core import clock
from partnership.core.sqlite.base import DatabaseWrapper
from partnership.privacy.erasure import LedgerEntry, ledger_append
from partnership.privacy.export import subject_access_export
from tests.production import ROOT, manage, production_env

pytestmark = pytest.mark.django_db

EMAIL = "ada.lovelace@example.org"


@pytest.fixture
def common_umask() -> Iterator[None]:
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def local_django(var: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``django-admin`` in local mode, under umask 022 (``manage.py`` would set 077)."""
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env.update(HTTPS="off", VAR_DIR=str(var), DJANGO_SETTINGS_MODULE="partnership.settings")
    for name in ("SECRET_KEY", "FIELD_ENCRYPTION_KEYS", "BLIND_INDEX_KEY", "AUDIT_SIGNING_KEY"):
        env.pop(name, None)
    return subprocess.run(
        [sys.executable, "-m", "django", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        umask=0o022,
    )


def modes(var: Path) -> dict[str, int]:
    found = {".": stat.S_IMODE(var.lstat().st_mode)}
    for path in var.rglob("*"):
        found[str(path.relative_to(var))] = stat.S_IMODE(path.lstat().st_mode)
    return found


def write_everything(var: Path, settings: Settings) -> None:
    settings.AUDIT_CHECKPOINT_DIR = var / "audit-checkpoints"
    settings.ERASURE_LEDGER_DIR = var / "erasure-ledger"
    settings.VAR_DIR = var
    append(2)
    assert checkpoint_write() is not None
    ledger_append(
        LedgerEntry(
            request_id="r1",
            subject={"user_id": "1"},
            category="complaints",
            model="privacy.complaint",
            erased=("1",),
            kept=(),
        )
    )
    log = AccessLogWriter(var / "log" / "access")
    today = clock.now()
    log.write("first day\n", at=today)
    log.write("second day\n", at=today + dt.timedelta(days=1))  # the daily rotation
    log.close()
    complaint_submit(
        data=ComplaintInput(
            name="Ada Lovelace",
            email=EMAIL,
            phone="07700 900123",
            topic=ComplaintTopic.WEBSITE,
            details="It went wrong.",
            reply_preference=ReplyPreference.PHONE,
        )
    )
    subject_access_export(email=EMAIL, out=rights_request_export_dir() / "export.zip")


def test_every_file_under_var_is_0600_and_every_folder_0700(
    tmp_path: Path, settings: Settings, common_umask: None
) -> None:
    var = tmp_path / "var"
    migrated = local_django(var, "migrate", "--noinput", "-v0")
    assert migrated.returncode == 0, migrated.stderr
    mailed = local_django(var, "sendtestemail", EMAIL)
    assert mailed.returncode == 0, mailed.stderr
    (var / "secrets" / "secret_key").unlink()
    regenerated = local_django(var, "check")  # a lost local secret is generated again
    assert regenerated.returncode == 0, regenerated.stderr
    write_everything(var, settings)
    database = DatabaseWrapper({**connection.settings_dict, "NAME": str(var / "db.sqlite3")})
    try:
        with database.cursor() as cursor:
            cursor.execute("PRAGMA user_version = 1")  # a write: -wal and -shm now exist
        found = modes(var)
    finally:
        database.close()

    day = clock.today_in_london()
    expected_files = {
        "db.sqlite3",
        "db.sqlite3-wal",
        "db.sqlite3-shm",
        "secrets/secret_key",
        "secrets/field_encryption_keys",
        "secrets/blind_index_key",
        "secrets/audit_signing_key",
        f"erasure-ledger/erasure-{day.isoformat()}.jsonl",
        f"log/access/access-{day.isoformat()}.log",
        f"log/access/access-{(day + dt.timedelta(days=1)).isoformat()}.log",
        "subject-access/export.zip",
    }
    assert expected_files <= set(found)
    assert len([name for name in found if name.startswith("mail/")]) == 1
    assert len([name for name in found if name.startswith("audit-checkpoints/")]) == 1
    assert {name: mode for name, mode in found.items() if (var / name).is_dir()} == {
        ".": 0o700,
        "secrets": 0o700,
        "mail": 0o700,
        "audit-checkpoints": 0o700,
        "erasure-ledger": 0o700,
        "log": 0o700,
        "log/access": 0o700,
        "subject-access": 0o700,
    }
    files = {name: mode for name, mode in found.items() if not (var / name).is_dir()}
    assert {name: oct(mode) for name, mode in files.items() if mode != 0o600} == {}


def test_an_older_release_s_file_is_made_private_when_written_again(
    tmp_path: Path, common_umask: None
) -> None:
    directory = tmp_path / "access"
    directory.mkdir()
    day = clock.now()
    stale = directory / f"access-{clock.today_in_london().isoformat()}.log"
    stale.write_text("old line\n")
    stale.chmod(0o640)

    log = AccessLogWriter(directory)
    log.write("new line\n", at=day)
    log.close()

    assert stat.S_IMODE(stale.stat().st_mode) == 0o600
    assert stale.read_text() == "old line\nnew line\n"


def test_migrate_in_production_mode_creates_a_missing_var(tmp_path: Path) -> None:
    var = tmp_path / "fresh" / "var"
    env = production_env(var, DATABASE_URL=f"sqlite:///{var}/db.sqlite3")

    migrated = manage(env, "migrate", "--noinput", "-v0")

    assert migrated.returncode == 0, migrated.stderr
    assert stat.S_IMODE(var.stat().st_mode) == 0o700
    assert stat.S_IMODE((var / "db.sqlite3").stat().st_mode) == 0o600
    assert (var / "db.sqlite3").stat().st_size > 0
