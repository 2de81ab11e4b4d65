from __future__ import annotations

import json

import pytest
from django.core.management import ManagementUtility
from django.db import connection

from partnership.audit.chain import canonical_bytes, event_hash
from partnership.audit.checkpoints import checkpoint_write
from partnership.audit.models import AuditEvent
from partnership.audit.tests.helpers import append, run_command
from partnership.audit.verification import audit_verify

pytestmark = pytest.mark.django_db


def rehash(event: AuditEvent) -> str:
    canonical = canonical_bytes(
        sequence=event.sequence,
        occurred_at=event.occurred_at,
        actor_kind=event.actor_kind,
        actor_id=event.actor_id,
        event=event.event,
        subject_type=event.subject_type,
        subject_id=event.subject_id,
        reason=event.reason,
        data=event.data,
        prev_hash=event.prev_hash,
    )
    return event_hash(prev_hash=event.prev_hash, canonical=canonical)


def failure(first_bad: int) -> str:
    return f"audit log verification failed (first bad event: {first_bad}): "


def test_a_sound_log_verifies_with_exit_0() -> None:
    append(5)
    checkpoint_write()

    status, out, _ = run_command("audit_verify")

    assert status == 0
    assert out.splitlines()[0] == (
        f"audit log: 5 events, head 5, chain {AuditEvent.objects.get(sequence=1).hash[:16]}; "
        "1 checkpoint(s) checked, 0 superseded by a rollback, 0 of other chains ignored"
    )
    assert out.splitlines()[-1] == "OK"


def test_an_empty_log_verifies() -> None:
    report = audit_verify()

    assert report.ok
    assert (report.count, report.head_sequence, report.chain_id, report.head_hash) == (0, 0, "", "")


def test_json_report_of_a_sound_log() -> None:
    events = append(3)
    checkpoint_write()
    append(1)

    status, out, _ = run_command("audit_verify", "--json")

    assert status == 0
    assert json.loads(out) == {
        "passed": True,
        "chain_id": events[0].hash,
        "count": 4,
        "head": {"sequence": 4, "hash": AuditEvent.objects.get(sequence=4).hash},
        "first_bad_event": None,
        "problems": [],
        "checkpoints": {
            "checked": 1,
            "superseded_by_rollback": 0,
            "newest_sequence": 3,
            "other_chains_ignored": 0,
        },
        "lost_ranges": [],
        "warnings": ["events after 3 are not yet covered by a checkpoint"],
    }


def test_an_edited_field_is_named() -> None:
    append(5)
    AuditEvent.objects.filter(sequence=3).update(reason="other_reason")

    status, _, err = run_command("audit_verify")

    assert status == 1
    assert err.endswith(
        failure(3) + "event 3: its contents do not match its hash (changed after writing)"
    )


def test_edited_data_is_named_in_json() -> None:
    append(4)
    AuditEvent.objects.filter(sequence=2).update(data={"number": 99})

    status, out, _ = run_command("audit_verify", "--json")

    report = json.loads(out)
    assert status == 1
    assert report["passed"] is False
    assert report["first_bad_event"] == {
        "sequence": 2,
        "problem": "event 2: its contents do not match its hash (changed after writing)",
    }
    assert len(report["problems"]) == 1


def test_a_deleted_event_is_named() -> None:
    append(5)
    AuditEvent.objects.filter(sequence=3).delete()

    report = audit_verify()

    assert [(p.sequence, p.message) for p in report.problems] == [
        (3, "event 3 missing: event 4 follows it"),
        (4, "event 4: prev_hash does not match the hash of the event before it"),
    ]


def test_several_deleted_events_are_named_as_a_range() -> None:
    append(6)
    AuditEvent.objects.filter(sequence__in=[3, 4]).delete()

    report = audit_verify()

    assert report.problems[0].message == "event 3–4 missing: event 5 follows it"
    assert report.first_bad_event is not None
    assert report.first_bad_event.sequence == 3


def test_a_deleted_first_event_is_named_and_checkpoints_still_count() -> None:
    append(3)
    checkpoint_write()
    AuditEvent.objects.filter(sequence=1).delete()

    report = audit_verify()

    assert report.first_bad_event is not None
    assert report.first_bad_event.message == "event 1 missing: event 2 follows it"
    assert report.checkpoints_checked == 1
    assert report.other_chain_files == 0
    assert "event 3: 2 events up to it, checkpoint" in report.problems[-1].message


def test_an_inserted_event_is_named() -> None:
    append(5)
    # Make room after event 2 and insert a well-formed event there.
    for sequence in (5, 4, 3):
        AuditEvent.objects.filter(sequence=sequence).update(sequence=sequence + 1)
    second = AuditEvent.objects.get(sequence=2)
    forged = AuditEvent(
        sequence=3,
        occurred_at=second.occurred_at,
        actor_kind="system",
        event="crypto:keys:rotate",
        data={},
        prev_hash=second.hash,
    )
    forged.hash = rehash(forged)
    forged.save()

    status, _, err = run_command("audit_verify")

    assert status == 1
    assert err.endswith(
        failure(4) + "event 4: prev_hash does not match the hash of the event before it"
    )


def test_reordered_events_are_named() -> None:
    append(5)
    third, fourth = AuditEvent.objects.get(sequence=3), AuditEvent.objects.get(sequence=4)
    swapped = ("occurred_at", "subject_id", "data", "prev_hash", "hash")
    # Swap contents, keeping each row's sequence (the hash column is unique: step aside).
    AuditEvent.objects.filter(sequence=4).update(hash="f" * 64)
    AuditEvent.objects.filter(sequence=3).update(**{f: getattr(fourth, f) for f in swapped})
    AuditEvent.objects.filter(sequence=4).update(**{f: getattr(third, f) for f in swapped})

    status, _, err = run_command("audit_verify")

    assert status == 1
    assert err.endswith(
        failure(3) + "event 3: prev_hash does not match the hash of the event before it"
    )


def test_a_truncated_tail_is_caught_by_the_checkpoint() -> None:
    append(6)
    checkpoint_write()
    AuditEvent.objects.filter(sequence__gte=5).delete()

    status, _, err = run_command("audit_verify")

    assert status == 1
    assert failure(5) + "event 5 missing: the log ends at event 4 but checkpoint " in err
    assert "signed event 6 (truncated tail;" in err


def test_a_consistently_rewritten_history_is_caught_by_the_checkpoint() -> None:
    append(4)
    checkpoint_write()
    # Rewrite event 3 and re-hash everything after it, as a careful forger would.
    previous = AuditEvent.objects.get(sequence=2).hash
    for event in AuditEvent.objects.filter(sequence__gte=3).order_by("sequence"):
        event.prev_hash = previous
        if event.sequence == 3:
            event.reason = "rewritten"
        event.hash = rehash(event)
        AuditEvent.objects.filter(pk=event.pk).update(
            reason=event.reason, prev_hash=event.prev_hash, hash=event.hash
        )
        previous = event.hash

    report = audit_verify()

    assert [(p.sequence, p.message[:55]) for p in report.problems] == [
        (4, "event 4: hash differs from the one signed by checkpoint")
    ]


def test_a_dropped_trigger_then_a_changed_row_reports_both() -> None:
    append(3)
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("DROP TRIGGER audit_auditevent_no_update")
        else:
            cursor.execute("DROP TRIGGER audit_auditevent_no_change ON audit_auditevent")
    AuditEvent.objects.filter(sequence=2).update(subject_id="99")

    status, _, err = run_command("audit_verify")

    missing = "no_update" if connection.vendor == "sqlite" else "no_change"
    assert status == 1
    assert f"FAIL: protective trigger audit_auditevent_{missing} is missing (dropped?)" in err
    assert err.endswith(
        failure(2) + "event 2: its contents do not match its hash (changed after writing)"
    )


def test_an_altered_trigger_is_reported() -> None:
    append(1)
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("DROP TRIGGER audit_auditevent_no_delete")
            cursor.execute(
                "CREATE TRIGGER audit_auditevent_no_delete BEFORE DELETE ON audit_auditevent "
                "WHEN 0 BEGIN SELECT 1; END"
            )
        else:
            cursor.execute(
                "ALTER TABLE audit_auditevent DISABLE TRIGGER audit_auditevent_no_truncate"
            )
    name = "no_delete" if connection.vendor == "sqlite" else "no_truncate"

    status, _, err = run_command("audit_verify")

    assert status == 1
    assert err.endswith(
        f"audit log verification failed: protective trigger audit_auditevent_{name} "
        "is altered or disabled"
    )


def test_an_unreadable_stored_event_is_reported_not_crashed() -> None:
    append(2)
    AuditEvent.objects.filter(sequence=2).update(prev_hash="not-a-hash")

    report = audit_verify()

    assert [p.message for p in report.problems] == [
        "event 2: prev_hash does not match the hash of the event before it",
        "event 2: its contents do not match its hash (changed after writing)",
    ]


def test_small_batches_give_the_same_answer_and_show_progress(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    append(7)
    AuditEvent.objects.filter(sequence=6).update(reason="x")
    monkeypatch.setattr("partnership.audit.management.commands.audit_verify.PROGRESS_FROM", 5)

    with pytest.raises(SystemExit) as exited:
        ManagementUtility(["manage.py", "audit_verify", "--batch-size", "3"]).execute()

    assert exited.value.code == 1
    err = capsys.readouterr().err
    assert "\raudit_verify: 3/7 events\raudit_verify: 6/7 events\raudit_verify: 7/7 events\n" in err
    assert "(first bad event: 6)" in err


@pytest.mark.parametrize("argv", [["--batch-size", "0"], ["--batch-size", "x"], ["--nope"]])
def test_bad_arguments_exit_2(argv: list[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        ManagementUtility(["manage.py", "audit_verify", *argv]).execute()

    assert exited.value.code == 2


@pytest.mark.parametrize("command", ["audit_verify", "audit_checkpoint"])
def test_help_exits_0(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        ManagementUtility(["manage.py", command, "--help"]).execute()

    assert exited.value.code == 0
    assert "usage: manage.py " + command in capsys.readouterr().out


def test_a_bad_verify_key_setting_exits_2(settings: object) -> None:
    settings.AUDIT_VERIFY_KEYS = "k1:not base64"  # type: ignore[attr-defined]

    status, _, err = run_command("audit_verify")

    assert status == 2
    assert err == "AUDIT_VERIFY_KEYS: key 'k1' is not valid base64"
