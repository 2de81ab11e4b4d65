from __future__ import annotations

import base64
import json
import os
import stat
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from pytest_django import Settings

from partnership.audit.apps import audit_configuration_check
from partnership.audit.checkpoint_files import (
    Checkpoint,
    CheckpointKind,
    load,
    signed_document,
    write_atomically,
)
from partnership.audit.checkpoints import (
    CheckpointRefused,
    checkpoint_acknowledge_rollback,
    checkpoint_write,
)
from partnership.audit.keys import AuditKeyError, signing_key, verify_keys
from partnership.audit.models import AuditEvent
from partnership.audit.tests.conftest import new_key_pair
from partnership.audit.tests.helpers import append, run_command
from partnership.audit.verification import audit_verify
from partnership.core import jobs

pytestmark = pytest.mark.django_db


def written(path: Path | None) -> dict[str, object]:
    assert path is not None
    document: dict[str, object] = json.loads(path.read_text())
    return document


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


class TestRollbackAcknowledgement:
    def restore_backup(self) -> None:
        """Events 1 to 4 were checkpointed, then 5 to 7; the backup holds 1 to 4."""
        append(4)
        checkpoint_write()
        append(3)
        checkpoint_write()
        AuditEvent.objects.filter(sequence__gte=5).delete()

    def test_after_a_restore_verify_fails_until_the_rollback_is_acknowledged(
        self, checkpoint_dir: Path
    ) -> None:
        self.restore_backup()
        assert run_command("audit_verify")[0] == 1

        status, out, _ = run_command("audit_checkpoint", "--acknowledge-rollback")

        assert status == 0
        ack = written(Path(out.removeprefix("rollback acknowledged: ").strip()))["checkpoint"]
        assert isinstance(ack, dict)
        assert {k: ack[k] for k in ("kind", "sequence", "count", "lost_from", "lost_to")} == {
            "kind": "rollback",
            "sequence": 4,
            "count": 4,
            "lost_from": 5,
            "lost_to": 7,
        }
        status, out, _ = run_command("audit_verify")
        assert status == 0
        assert "lost by an acknowledged rollback: events 5–7" in out
        assert "1 superseded by a rollback" in out

    def test_the_log_grows_again_after_the_acknowledgement(self) -> None:
        self.restore_backup()
        checkpoint_acknowledge_rollback()
        append(5)
        checkpoint_write()

        report = audit_verify()

        assert report.ok, report.problems
        assert report.lost_ranges == [(5, 7)]
        assert (report.head_sequence, report.checkpoints_superseded) == (9, 1)

    def test_a_second_restore_is_acknowledged_too(self) -> None:
        self.restore_backup()
        checkpoint_acknowledge_rollback()
        append(2)
        checkpoint_write()
        AuditEvent.objects.filter(sequence__gte=3).delete()
        checkpoint_acknowledge_rollback()

        report = audit_verify()

        assert report.ok, report.problems
        assert report.lost_ranges == [(3, 6), (5, 7)]

    def test_nothing_to_acknowledge_is_refused(self) -> None:
        append(2)
        checkpoint_write()

        status, _, err = run_command("audit_checkpoint", "--acknowledge-rollback")

        assert (status, err) == (
            1,
            "nothing to acknowledge: no checkpoint is beyond the log's head",
        )

    def test_other_damage_is_not_acknowledged(self, checkpoint_dir: Path) -> None:
        self.restore_backup()
        AuditEvent.objects.filter(sequence=2).update(reason="x")

        with pytest.raises(CheckpointRefused, match="over other damage: event 2: its contents"):
            checkpoint_acknowledge_rollback()

        assert len(list(checkpoint_dir.iterdir())) == 2


class TestStartUpChecks:
    def test_sound_configuration_passes(self) -> None:
        assert audit_configuration_check() == []

    def test_a_missing_directory_is_created_0700(self, tmp_path: Path, settings: Settings) -> None:
        settings.AUDIT_CHECKPOINT_DIR = tmp_path / "a" / "b"

        assert audit_configuration_check() == []
        assert stat.S_IMODE((tmp_path / "a" / "b").stat().st_mode) == 0o700

    def test_an_unwritable_directory_fails(self, tmp_path: Path, settings: Settings) -> None:
        (tmp_path / "file").write_text("")
        settings.AUDIT_CHECKPOINT_DIR = tmp_path / "file" / "checkpoints"

        errors = audit_configuration_check()

        assert [e.id for e in errors] == ["audit.E001"]
        assert errors[0].msg.startswith(
            f"AUDIT_CHECKPOINT_DIR {tmp_path}/file/checkpoints cannot be written: "
        )

    def test_the_checkpoint_directory_must_be_apart_from_the_secrets(
        self, settings: Settings
    ) -> None:
        settings.AUDIT_CHECKPOINT_DIR = settings.SECRETS_DIR / "checkpoints"

        assert [e.id for e in audit_configuration_check()] == ["audit.E002"]

    @pytest.mark.parametrize(
        ("signing", "message"),
        [
            ("no-colon", "AUDIT_SIGNING_KEY must be 'id:base64key'"),
            ("bad id!:AAAA", "AUDIT_SIGNING_KEY must be 'id:base64key'"),
            ("k1:AAAA", "AUDIT_SIGNING_KEY: key 'k1' must be 32 raw bytes (Ed25519)"),
            ("k1:***", "AUDIT_SIGNING_KEY: key 'k1' is not valid base64"),
        ],
    )
    def test_a_malformed_signing_key_fails_without_showing_it(
        self, settings: Settings, signing: str, message: str
    ) -> None:
        settings.AUDIT_SIGNING_KEY = signing

        errors = audit_configuration_check()

        assert [e.id for e in errors] == ["audit.E003"]
        assert errors[0].msg.startswith(message)
        with pytest.raises(AuditKeyError):
            signing_key()

    def test_verify_keys_must_include_the_signing_key(self, settings: Settings) -> None:
        _, other_public = new_key_pair("t1")
        settings.AUDIT_VERIFY_KEYS = other_public

        assert [e.id for e in audit_configuration_check()] == ["audit.E004"]

    def test_verify_keys_may_not_repeat_an_id(self, settings: Settings) -> None:
        _, public = new_key_pair("t1")
        settings.AUDIT_VERIFY_KEYS = f"{public}, ,{public}"

        with pytest.raises(AuditKeyError, match="lists key 't1' twice"):
            verify_keys()


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
