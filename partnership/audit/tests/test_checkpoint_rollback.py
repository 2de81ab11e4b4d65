"""Acknowledging a rollback after a restore from backup, and what it refuses."""

from __future__ import annotations

from pathlib import Path

import pytest

from partnership.audit.checkpoints import (
    CheckpointRefused,
    checkpoint_acknowledge_rollback,
    checkpoint_write,
)
from partnership.audit.models import AuditEvent
from partnership.audit.tests.checkpoint_support import written
from partnership.audit.tests.helpers import append, run_command
from partnership.audit.verification import audit_verify

pytestmark = pytest.mark.django_db


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
