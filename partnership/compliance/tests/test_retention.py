from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import QuerySet

from partnership.audit.models import AuditEvent
from partnership.compliance.complaints.models import (
    Complaint,
    ComplaintStatus,
    ComplaintTopic,
    ReplyPreference,
)
from partnership.compliance.complaints.services import ComplaintInput, complaint_submit
from partnership.core import clock, jobs
from partnership.privacy import retention
from partnership.privacy.retention import (
    FileRule,
    RetentionError,
    TableRule,
    file_date_in_name,
    retention_run,
)
from partnership.privacy.retention import rules as retention_rules

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(days=1)


@pytest.fixture
def only_these_rules() -> Iterator[None]:
    with retention.registry_isolated(keep=()):
        yield


def sessions(prefix: str, count: int, *, age_days: int) -> list[str]:
    expire = clock.now() - dt.timedelta(days=age_days)
    keys = [f"{prefix}{i:04d}" for i in range(count)]
    Session.objects.bulk_create(
        Session(session_key=key, session_data="", expire_date=expire) for key in keys
    )
    return keys


def session_rule(**overrides: Any) -> TableRule:
    values: dict[str, Any] = {
        "name": "test-sessions",
        "description": "Test sessions, 30 days.",
        "queryset": Session.objects.all,
        "aged_by": "expire_date",
        "period": 30 * DAY,
        "batch_size": 2,
    }
    values.update(overrides)
    return TableRule(**values)


def remaining() -> list[str]:
    return sorted(Session.objects.values_list("session_key", flat=True))


@pytest.mark.usefixtures("only_these_rules")
def test_a_dry_run_counts_and_changes_nothing() -> None:
    old = sessions("old", 5, age_days=31)
    new = sessions("new", 3, age_days=29)
    steps: list[int] = []
    retention.register(session_rule(before_delete=lambda batch: steps.append(batch.count())))

    report = retention_run(dry_run=True)

    [outcome] = report.rules
    assert (outcome.expired, outcome.held, outcome.deleted, outcome.batches) == (5, 0, 0, 0)
    assert remaining() == sorted(old + new)
    assert steps == []
    assert AuditEvent.objects.count() == 0


@pytest.mark.usefixtures("only_these_rules")
def test_a_run_deletes_exactly_the_expired_rows_in_batches() -> None:
    sessions("old", 5, age_days=31)
    new = sessions("new", 3, age_days=29)
    lines: list[str] = []
    retention.register(session_rule())

    report = retention_run(dry_run=False, progress=lines.append)

    [outcome] = report.rules
    assert (outcome.expired, outcome.deleted, outcome.batches, outcome.error) == (5, 5, 3, "")
    assert remaining() == new
    assert lines == [
        "test-sessions: [############..................] 2/5",
        "test-sessions: [########################......] 4/5",
        "test-sessions: [##############################] 5/5",
    ]


@pytest.mark.usefixtures("only_these_rules")
def test_the_step_before_deletion_sees_each_batch_in_its_transaction() -> None:
    sessions("old", 3, age_days=40)
    seen: list[tuple[list[str], bool]] = []

    def roll_up(batch: QuerySet[Any]) -> None:
        keys = sorted(batch.values_list("session_key", flat=True))
        seen.append((keys, connection.in_atomic_block))

    retention.register(session_rule(before_delete=roll_up))

    retention_run(dry_run=False)

    assert seen == [(["old0000", "old0001"], True), (["old0002"], True)]
    assert remaining() == []


@pytest.mark.usefixtures("only_these_rules")
def test_a_failing_step_deletes_nothing_of_its_batch_and_other_rules_still_run() -> None:
    sessions("old", 3, age_days=40)

    def broken(batch: QuerySet[Any]) -> None:
        raise RuntimeError("roll-up failed")

    retention.register(session_rule(before_delete=broken))
    retention.register(
        session_rule(name="second", queryset=lambda: Session.objects.filter(session_key="x"))
    )

    report = retention_run(dry_run=False)

    assert [(o.rule, o.deleted, o.error) for o in report.rules] == [
        ("test-sessions", 0, "RuntimeError"),
        ("second", 0, ""),
    ]
    assert not report.passed
    assert len(remaining()) == 3


@pytest.mark.usefixtures("only_these_rules")
def test_rows_under_a_legal_hold_are_kept() -> None:
    sessions("old", 2, age_days=40)
    held = sessions("held", 2, age_days=40)
    retention.register(
        session_rule(exclude_held=lambda qs: qs.exclude(session_key__startswith="held"))
    )

    report = retention_run(dry_run=False)

    [outcome] = report.rules
    assert (outcome.expired, outcome.held, outcome.deleted) == (2, 2, 2)
    assert remaining() == held


@pytest.mark.usefixtures("only_these_rules")
def test_a_run_is_audited_once_with_counts_per_rule() -> None:
    sessions("old", 2, age_days=40)
    sessions("held", 1, age_days=40)
    retention.register(
        session_rule(exclude_held=lambda qs: qs.exclude(session_key__startswith="held"))
    )
    retention.register(session_rule(name="nothing-due", period=365 * DAY))

    report = retention_run(dry_run=False)

    event = AuditEvent.objects.get()
    assert (event.event, event.actor_kind) == ("privacy:retention:run", "system")
    assert (event.subject_type, event.subject_id) == ("retention-run", report.run_id)
    assert event.data == {
        "rules": 2,
        "failed_rules": 0,
        "test_sessions_deleted": 2,
        "test_sessions_held": 1,
        "nothing_due_deleted": 0,
        "nothing_due_held": 0,
    }


@pytest.mark.usefixtures("only_these_rules")
def test_a_date_field_is_aged_by_london_days(monkeypatch: pytest.MonkeyPatch) -> None:
    # 00:30 in London on 1 July is still 30 June in UTC.
    monkeypatch.setattr(clock, "now", lambda: dt.datetime(2026, 6, 30, 23, 30, tzinfo=dt.UTC))
    due = make_complaint(age_days=0, status=ComplaintStatus.CLOSED)
    kept = make_complaint(age_days=0, status=ComplaintStatus.CLOSED)
    Complaint.objects.filter(pk=due.pk).update(acknowledge_by=dt.date(2026, 6, 29))
    Complaint.objects.filter(pk=kept.pk).update(acknowledge_by=dt.date(2026, 6, 30))
    retention.register(
        TableRule(
            name="complaint-ack",
            description="d",
            queryset=Complaint.objects.all,
            aged_by="acknowledge_by",
            period=DAY,
        )
    )

    report = retention_run(dry_run=False)

    assert (report.rules[0].deleted, report.rules[0].error) == (1, "")
    assert list(Complaint.objects.values_list("pk", flat=True)) == [kept.pk]


@pytest.mark.usefixtures("only_these_rules")
def test_a_rule_aged_by_something_that_is_not_a_date_fails_clearly() -> None:
    retention.register(session_rule(aged_by="session_data"))

    report = retention_run(dry_run=True)

    assert report.rules[0].error == "RetentionError"


@pytest.mark.usefixtures("only_these_rules")
def test_a_rule_may_age_rows_by_a_related_models_date() -> None:
    retention.register(
        TableRule(
            name="by-relation",
            description="d",
            queryset=Session.objects.all,
            aged_by="session_key__expire_date",
            period=DAY,
        )
    )

    assert retention_run(dry_run=True).rules[0].error == "RetentionError"
    field = retention_rules._field_at(Permission, "content_type__model")
    assert (field.model, field.name) == (ContentType, "model")


def touch(path: Path, *, age_days: float) -> None:
    path.write_text("x")
    when = (clock.now() - dt.timedelta(days=age_days)).timestamp()
    os.utime(path, (when, when))


@pytest.mark.usefixtures("only_these_rules")
def test_file_rules_delete_only_old_matching_files(tmp_path: Path) -> None:
    touch(tmp_path / "old.log", age_days=8)
    touch(tmp_path / "new.log", age_days=6)
    touch(tmp_path / "old.txt", age_days=30)
    (tmp_path / "sub.log").mkdir()
    (tmp_path / "link.log").symlink_to(tmp_path / "old.txt")
    rolled: list[list[str]] = []
    retention.register(
        FileRule(
            name="test-files",
            description="7 days",
            directory=lambda: tmp_path,
            pattern="*.log",
            period=7 * DAY,
            before_delete=lambda paths: rolled.append([p.name for p in paths]),
        )
    )

    dry = retention_run(dry_run=True)
    assert (dry.rules[0].expired, dry.rules[0].deleted, rolled) == (1, 0, [])
    report = retention_run(dry_run=False)

    assert (report.rules[0].expired, report.rules[0].deleted) == (1, 1)
    assert rolled == [["old.log"]]
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "link.log",
        "new.log",
        "old.txt",
        "sub.log",
    ]


@pytest.mark.usefixtures("only_these_rules")
def test_a_missing_directory_is_nothing_to_do(tmp_path: Path) -> None:
    retention.register(
        FileRule("gone", "d", directory=lambda: tmp_path / "absent", pattern="*", period=DAY)
    )

    report = retention_run(dry_run=False)

    assert (report.rules[0].deleted, report.rules[0].error) == (0, "")


def test_a_file_can_be_aged_by_the_date_in_its_name(tmp_path: Path) -> None:
    judge = file_date_in_name(r"access-(?P<date>\d{4}-\d{2}-\d{2})\.log")

    assert judge(tmp_path / "access-2026-03-28.log") == dt.datetime(
        2026, 3, 29, tzinfo=clock.LONDON
    )
    assert judge(tmp_path / "access-2026-02-30.log") is None
    assert judge(tmp_path / "other.log") is None


@pytest.mark.usefixtures("only_these_rules")
@pytest.mark.parametrize(
    ("rule", "message"),
    [
        (session_rule(name="Bad Name"), "must be 1-30"),
        (session_rule(name="x" * 31), "must be 1-30"),
        (session_rule(name="other", batch_size=0), "positive batch size"),
        (session_rule(name="test_sessions"), "differs from another only by"),
        (session_rule(), "registered twice"),
    ],
)
def test_a_duplicate_or_malformed_rule_is_refused(rule: TableRule, message: str) -> None:
    retention.register(session_rule())

    with pytest.raises(RetentionError, match=message):
        retention.register(rule)

    assert [r.name for r in retention.registered()] == ["test-sessions"]


@pytest.mark.usefixtures("only_these_rules")
def test_a_period_that_is_not_positive_fails_the_rule() -> None:
    retention.register(session_rule(period=lambda: dt.timedelta(0)))

    assert retention_run(dry_run=True).rules[0].error == "RetentionError"


def make_complaint(*, age_days: int, status: ComplaintStatus) -> Complaint:
    complaint = complaint_submit(
        data=ComplaintInput(
            name="A",
            email="a@example.org",
            phone="",
            topic=ComplaintTopic.OTHER,
            details="d",
            reply_preference=ReplyPreference.EMAIL,
        )
    )
    Complaint.objects.filter(pk=complaint.pk).update(
        received_at=clock.now() - dt.timedelta(days=age_days), status=status
    )
    return complaint


def test_closed_complaints_go_after_three_years_open_ones_stay() -> None:
    old_closed = make_complaint(age_days=3 * 365 + 2, status=ComplaintStatus.CLOSED)
    old_open = make_complaint(age_days=3 * 365 + 2, status=ComplaintStatus.ACKNOWLEDGED)
    recent_closed = make_complaint(age_days=3 * 365 - 1, status=ComplaintStatus.CLOSED)

    report = retention_run(dry_run=False)

    outcome = next(o for o in report.rules if o.rule == "complaint-records")
    assert (outcome.expired, outcome.held, outcome.deleted) == (1, 1, 1)
    assert set(Complaint.objects.values_list("pk", flat=True)) == {old_open.pk, recent_closed.pk}
    assert not Complaint.objects.filter(pk=old_closed.pk).exists()


def test_retention_runs_daily_as_a_periodic_job() -> None:
    job = next(job for job in jobs.registered() if job.name == "privacy:retention")

    assert (job.every_seconds, job.command) == (86_400, ("retention_run",))


@pytest.mark.usefixtures("only_these_rules")
def test_the_command_prints_json_and_progress(capsys: pytest.CaptureFixture[str]) -> None:
    sessions("old", 3, age_days=40)
    retention.register(session_rule())

    call_command("retention_run", "--json")

    out, err = capsys.readouterr()
    report = json.loads(out)
    assert report["dry_run"] is False
    assert report["passed"] is True
    assert [(r["rule"], r["deleted"], r["batches"]) for r in report["rules"]] == [
        ("test-sessions", 3, 2)
    ]
    assert err.splitlines()[-1] == "test-sessions: [##############################] 3/3"


@pytest.mark.usefixtures("only_these_rules")
def test_the_command_dry_run_says_what_it_would_delete(capsys: pytest.CaptureFixture[str]) -> None:
    sessions("old", 3, age_days=40)
    retention.register(session_rule())

    call_command("retention_run", "--dry-run")

    assert capsys.readouterr().out == ("test-sessions: would delete 3, kept under a legal hold 0\n")
    assert len(remaining()) == 3


@pytest.mark.usefixtures("only_these_rules")
def test_the_command_exits_1_when_a_rule_fails() -> None:
    retention.register(session_rule(aged_by="session_data"))

    with pytest.raises(CommandError) as raised:
        call_command("retention_run")

    assert raised.value.returncode == 1
