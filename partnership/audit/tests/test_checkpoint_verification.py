"""audit_verify against checkpoints: key rotation, forgeries, other chains, bad files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pytest_django import Settings

from partnership.audit.checkpoint_files import (
    Checkpoint,
    CheckpointKind,
    load,
    signed_document,
    write_atomically,
)
from partnership.audit.checkpoints import checkpoint_write
from partnership.audit.keys import signing_key, verify_keys
from partnership.audit.models import AuditEvent
from partnership.audit.tests.conftest import new_key_pair
from partnership.audit.tests.helpers import append, run_command
from partnership.audit.verification import audit_verify

pytestmark = pytest.mark.django_db


def test_checkpoints_signed_before_a_key_rotation_still_verify(settings: Settings) -> None:
    old_private, old_public = new_key_pair("t1")
    new_private, new_public = new_key_pair("t2")
    settings.AUDIT_SIGNING_KEY = old_private
    append(2)
    checkpoint_write()
    settings.AUDIT_SIGNING_KEY = new_private
    settings.AUDIT_VERIFY_KEYS = f"{new_public},{old_public}"
    append(2)
    checkpoint_write()

    report = audit_verify()

    assert report.ok, report.problems
    assert report.checkpoints_checked == 2


def test_a_checkpoint_of_a_key_no_longer_listed_fails(settings: Settings) -> None:
    old_private, _ = new_key_pair("t1")
    new_private, new_public = new_key_pair("t2")
    settings.AUDIT_SIGNING_KEY = old_private
    append(2)
    path = checkpoint_write()
    settings.AUDIT_SIGNING_KEY = new_private
    settings.AUDIT_VERIFY_KEYS = new_public

    status, _, err = run_command("audit_verify")

    assert path is not None
    assert status == 1
    assert err.endswith(
        f"audit log verification failed: checkpoint {path.name}: signed by unknown key id 't1'"
    )


def test_a_forged_checkpoint_fails(checkpoint_dir: Path) -> None:
    append(3)
    path = checkpoint_write()
    assert path is not None
    document = json.loads(path.read_text())
    document["checkpoint"]["count"] = 2
    path.write_text(json.dumps(document))

    report = audit_verify()

    assert [p.message for p in report.problems] == [
        f"checkpoint {path.name}: signature does not verify (forged or altered)"
    ]


def test_a_checkpoint_signed_by_another_key_under_our_id_fails(
    checkpoint_dir: Path, settings: Settings
) -> None:
    append(1)
    genuine = settings.AUDIT_SIGNING_KEY
    settings.AUDIT_SIGNING_KEY, _ = new_key_pair("t1")
    path = checkpoint_write()
    settings.AUDIT_SIGNING_KEY = genuine

    report = audit_verify()

    assert path is not None
    assert [p.message for p in report.problems] == [
        f"checkpoint {path.name}: signature does not verify (forged or altered)"
    ]


def test_another_chains_checkpoints_in_the_same_directory_are_ignored(
    checkpoint_dir: Path,
) -> None:
    append(2)
    checkpoint_write()
    other = Checkpoint(
        kind=CheckpointKind.HEAD,
        chain_id="ab" * 32,
        sequence=900,
        hash="cd" * 32,
        count=900,
        written_at="2026-11-01T00:00:00.000000Z",
        key_id="t1",
    )
    write_atomically(checkpoint_dir, other.file_name(), signed_document(other, signing_key()))
    (checkpoint_dir / f"{'ef' * 8}-000000000001-head-x.json").write_text("not json")

    report = audit_verify()

    assert report.ok, report.problems
    assert (report.checkpoints_checked, report.other_chain_files) == (1, 2)


def test_an_unreadable_file_of_this_chain_fails(checkpoint_dir: Path) -> None:
    events = append(1)
    checkpoint_dir.mkdir()
    name = f"{events[0].hash[:16]}-000000000009-head-0.json"
    (checkpoint_dir / name).write_text('{"checkpoint": {"format": 2}, "signature": ""}')

    report = audit_verify()

    assert [p.message for p in report.problems] == [
        f"checkpoint {name}: unreadable checkpoint file (unsupported format)"
    ]


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"kind": "tail"}, "unknown kind"),
        ({"colour": "red"}, "unexpected field 'colour'"),
        ({"count": "3"}, "field 'count' missing or of the wrong type"),
        ({"sequence": True}, "field 'sequence' missing or of the wrong type"),
        ({"hash": "XYZ"}, "field 'hash' is not a SHA-256 hex digest"),
    ],
)
def test_malformed_checkpoints_are_named(
    checkpoint_dir: Path, change: dict[str, object], problem: str
) -> None:
    append(1)
    path = checkpoint_write()
    assert path is not None
    document = json.loads(path.read_text())
    document["checkpoint"].update(change)
    path.write_text(json.dumps(document))

    loaded = load(path, verify_keys())

    assert (loaded.checkpoint, loaded.problem) == (None, f"unreadable checkpoint file ({problem})")


def test_a_rewritten_log_with_no_checkpoint_of_its_own_fails(checkpoint_dir: Path) -> None:
    append(2)
    checkpoint_write()
    # Rewriting the first event gives the log a new chain id: its checkpoints look foreign.
    AuditEvent.objects.all().delete()
    append(3)

    status, _, err = run_command("audit_verify")

    assert status == 1
    assert err.endswith(
        "audit log verification failed: no checkpoint of this chain, yet 1 of other chains: "
        "was the whole log rewritten? (a new database: run audit_checkpoint first)"
    )


def test_without_any_checkpoint_the_log_verifies_with_a_warning() -> None:
    append(1)

    status, out, _ = run_command("audit_verify")

    assert status == 0
    assert "warning: no checkpoint yet: run audit_checkpoint" in out


def test_an_empty_log_beside_other_chains_checkpoints_warns(checkpoint_dir: Path) -> None:
    append(1)
    checkpoint_write()
    AuditEvent.objects.all().delete()

    report = audit_verify()

    assert report.ok
    assert report.warnings == ["the log is empty; 1 checkpoint file(s) of other chains ignored"]
