from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from django.core.management import call_command

from partnership.core import jobs
from partnership.core.models import JobSchedule

pytestmark = pytest.mark.django_db


@pytest.fixture
def only_these_jobs() -> Iterator[None]:
    with jobs.JOBS.isolated(keep=()):
        yield


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, ...]]:
    seen: list[tuple[str, ...]] = []

    def record(*command: str) -> None:
        seen.append(command)
        if command[0] == "fail":
            raise RuntimeError("job failed")

    monkeypatch.setattr(jobs, "call_command", record)
    return seen


def test_core_registers_the_session_clean_up() -> None:
    names = [job.name for job in jobs.registered()]

    assert "sessions:clear-expired" in names


def test_a_due_job_runs_once_and_is_scheduled_again(
    only_these_jobs: None, calls: list[tuple[str, ...]]
) -> None:
    jobs.register(jobs.Job("demo", every_seconds=600, command=("demo",), description="d"))

    assert jobs.run_due_jobs() == ["demo"]
    assert jobs.run_due_jobs() == []

    schedule = JobSchedule.objects.get(name="demo")
    assert calls == [("demo",)]
    assert schedule.last_succeeded is True
    assert schedule.lease_until is None
    assert schedule.last_finished_at is not None
    assert schedule.next_due_at == schedule.last_finished_at + dt.timedelta(seconds=600)


def test_a_job_leased_by_another_runner_is_left_alone(
    only_these_jobs: None, calls: list[tuple[str, ...]]
) -> None:
    jobs.register(jobs.Job("demo", every_seconds=600, command=("demo",), description="d"))
    JobSchedule.objects.create(
        name="demo",
        lease_holder="other-machine",
        lease_until=dt.datetime(2999, 1, 1, tzinfo=dt.UTC),
    )

    assert jobs.run_due_jobs() == []
    assert calls == []


def test_an_expired_lease_is_taken_over(
    only_these_jobs: None, calls: list[tuple[str, ...]]
) -> None:
    jobs.register(jobs.Job("demo", every_seconds=600, command=("demo",), description="d"))
    JobSchedule.objects.create(
        name="demo", lease_holder="crashed", lease_until=dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
    )

    assert jobs.run_due_jobs() == ["demo"]
    assert calls == [("demo",)]


def test_a_failing_job_is_recorded_and_does_not_stop_the_others(
    only_these_jobs: None, calls: list[tuple[str, ...]]
) -> None:
    jobs.register(jobs.Job("a-fails", every_seconds=60, command=("fail",), description="d"))
    jobs.register(jobs.Job("b-works", every_seconds=60, command=("ok",), description="d"))

    assert jobs.run_due_jobs() == ["a-fails", "b-works"]

    assert JobSchedule.objects.get(name="a-fails").last_succeeded is False
    assert JobSchedule.objects.get(name="b-works").last_succeeded is True


def test_registering_one_name_twice_differently_is_an_error(
    only_these_jobs: None,
) -> None:
    jobs.register(jobs.Job("demo", every_seconds=60, command=("a",), description="d"))

    with pytest.raises(ValueError, match="registered twice"):
        jobs.register(jobs.Job("demo", every_seconds=61, command=("a",), description="d"))


def test_run_jobs_command_runs_the_real_session_clean_up(
    capsys: pytest.CaptureFixture[str],
) -> None:
    call_command("run_jobs")

    assert "ran sessions:clear-expired" in capsys.readouterr().out
    assert JobSchedule.objects.get(name="sessions:clear-expired").last_succeeded is True


def test_a_job_registered_after_start_up_is_refused() -> None:
    late = jobs.Job("late", every_seconds=60, command=("late",), description="d")

    with pytest.raises(ValueError, match="registered after start-up"):
        jobs.register(late)
    assert "late" not in [job.name for job in jobs.registered()]
