"""Periodic jobs: apps register them; one runner at a time carries them out.

A job is a management command run every so often. ``make run`` starts
``manage.py run_jobs --loop`` beside the web server; in production cron or a systemd
timer calls ``manage.py run_jobs`` (docs/operations.md). Several runners may be
started on several machines: each job is claimed through a lease row in the
database, so exactly one runner carries out a due job.
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
from dataclasses import dataclass

from django.core.management import call_command
from django.db import transaction
from django.db.models import Q

from partnership.core import clock
from partnership.core.registry import Registry

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    name: str
    every_seconds: int
    command: tuple[str, ...]
    description: str
    # A runner that dies holding a lease loses it after this long.
    lease_seconds: int = 15 * 60


JOBS: Registry[Job] = Registry("periodic job", name=lambda job: job.name)
register = JOBS.register


def registered() -> list[Job]:
    return sorted(JOBS.all(), key=lambda job: job.name)


def run_due_jobs(*, runner_id: str | None = None) -> list[str]:
    """Run every job that is due and not claimed by another runner; return their names."""
    from partnership.core.models import JobSchedule

    holder = runner_id or secrets.token_hex(8)
    ran: list[str] = []
    for job in registered():
        JobSchedule.objects.get_or_create(name=job.name)
        now = clock.now()
        claimed = JobSchedule.objects.filter(
            Q(lease_until__isnull=True) | Q(lease_until__lt=now),
            name=job.name,
            next_due_at__lte=now,
        ).update(lease_holder=holder, lease_until=now + dt.timedelta(seconds=job.lease_seconds))
        if not claimed:
            continue
        succeeded = _run(job)
        finished = clock.now()
        with transaction.atomic():
            JobSchedule.objects.filter(name=job.name, lease_holder=holder).update(
                lease_holder="",
                lease_until=None,
                last_finished_at=finished,
                last_succeeded=succeeded,
                next_due_at=finished + dt.timedelta(seconds=job.every_seconds),
            )
        ran.append(job.name)
    return ran


def _run(job: Job) -> bool:
    try:
        call_command(*job.command)
    except Exception:
        # One failing job must not stop the others; the traceback names no person.
        logger.exception("periodic job %s failed", job.name)
        return False
    return True
