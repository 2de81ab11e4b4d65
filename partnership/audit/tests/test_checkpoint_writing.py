"""Writing signed checkpoints: contents, files and directory, refusals, the periodic job."""

from __future__ import annotations

import base64
import json
import os
import stat
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from pytest_django import Settings

from partnership.audit.checkpoint_files import (
    Checkpoint,
    CheckpointKind,
    signed_document,
    write_atomically,
)
from partnership.audit.checkpoints import CheckpointRefused, checkpoint_write
from partnership.audit.keys import signing_key
from partnership.audit.models import AuditEvent
from partnership.audit.tests.checkpoint_support import written
from partnership.audit.tests.helpers import append, run_command
from partnership.core import jobs

pytestmark = pytest.mark.django_db


def test_a_checkpoint_signs_chain_id_head_and_count(checkpoint_dir: Path) -> None:
    events = append(3)

    path = checkpoint_write()

    document = written(path)
    payload = document["checkpoint"]
    assert isinstance(payload, dict)
    assert (
        path
        == checkpoint_dir / f"{events[0].hash[:16]}-000000000003-head-{events[2].hash[:16]}.json"
    )
    assert {k: v for k, v in payload.items() if k != "written_at"} == {
        "format": 1,
        "kind": "head",
        "chain_id": events[0].hash,
        "sequence": 3,
        "hash": events[2].hash,
        "count": 3,
        "key_id": "t1",
    }
    public = Ed25519PublicKey.from_public_bytes(signing_key().public_bytes())
    canonical = json.dumps(payload, sort_keys=True, separators=(",", ":")).encode()
    public.verify(base64.b64decode(str(document["signature"])), canonical)  # raises if bad


def test_the_directory_is_created_private_and_holds_no_private_key(
    checkpoint_dir: Path, settings: Settings
) -> None:
    append(1)

    path = checkpoint_write()

    assert path is not None
    assert stat.S_IMODE(checkpoint_dir.stat().st_mode) == 0o700
    assert [p.name for p in checkpoint_dir.iterdir()] == [path.name]
    assert settings.AUDIT_SIGNING_KEY.split(":", 1)[1] not in path.read_text()


def test_an_empty_log_writes_nothing(checkpoint_dir: Path) -> None:
    assert checkpoint_write() is None

    status, out, _ = run_command("audit_checkpoint")

    assert (status, out) == (0, "the audit log is empty: nothing to sign\n")
    assert not checkpoint_dir.exists() or list(checkpoint_dir.iterdir()) == []


def test_writing_again_without_new_events_keeps_one_file(checkpoint_dir: Path) -> None:
    append(2)

    first, second = checkpoint_write(), checkpoint_write()

    assert first == second
    assert len(list(checkpoint_dir.iterdir())) == 1


def test_the_command_writes_a_checkpoint_and_records_no_event(checkpoint_dir: Path) -> None:
    append(2)

    status, out, _ = run_command("audit_checkpoint")

    assert status == 0
    assert out.startswith(f"checkpoint: {checkpoint_dir}/")
    assert AuditEvent.objects.count() == 2


def test_a_damaged_log_is_not_signed(checkpoint_dir: Path) -> None:
    append(3)
    checkpoint_write()
    append(2)
    AuditEvent.objects.filter(sequence=5).update(reason="x")

    status, _, err = run_command("audit_checkpoint")

    assert status == 1
    assert err == (
        "not signing a damaged log: event 5: its contents do not match its hash "
        "(changed after writing) (run audit_verify)"
    )
    assert len(list(checkpoint_dir.iterdir())) == 1


def test_a_log_damaged_before_any_checkpoint_is_not_signed(checkpoint_dir: Path) -> None:
    append(2)
    AuditEvent.objects.filter(sequence=1).update(reason="x")

    with pytest.raises(CheckpointRefused, match="event 1: its contents do not match"):
        checkpoint_write()

    assert not checkpoint_dir.exists()


def test_a_failed_write_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", refuse)

    with pytest.raises(OSError, match="disk full"):
        write_atomically(tmp_path, "x.json", b"{}")

    assert list(tmp_path.iterdir()) == []


def test_a_checkpoint_must_name_its_signing_key() -> None:
    checkpoint = Checkpoint(
        kind=CheckpointKind.HEAD,
        chain_id="ab" * 32,
        sequence=1,
        hash="ab" * 32,
        count=1,
        written_at="2026-11-01T00:00:00.000000Z",
        key_id="other",
    )

    with pytest.raises(ValueError, match="must name the key that signs it"):
        signed_document(checkpoint, signing_key())


def test_the_checkpoint_job_runs_every_ten_minutes() -> None:
    job = {j.name: j for j in jobs.registered()}["audit:checkpoint"]

    assert (job.every_seconds, job.command) == (600, ("audit_checkpoint",))
