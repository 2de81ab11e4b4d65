from __future__ import annotations

from django.db import models
from django.utils import timezone


class JobSchedule(models.Model):
    """When a periodic job is next due, and which runner holds it now."""

    name = models.CharField(max_length=100, primary_key=True)
    next_due_at = models.DateTimeField(default=timezone.now)
    lease_holder = models.CharField(max_length=32, blank=True, default="")
    lease_until = models.DateTimeField(null=True, blank=True)
    last_finished_at = models.DateTimeField(null=True, blank=True)
    last_succeeded = models.BooleanField(null=True)

    def __str__(self) -> str:
        return self.name


class RateLimitCounter(models.Model):
    """One bucket of the shared rate limiter (``core.ratelimit``), or one block.

    ``bucket`` is a SHA-256 of scope, key and window: it holds no address and no
    identifier. Every row expires within a day; ``ratelimit_purge`` deletes it then.
    """

    bucket = models.CharField(max_length=64, primary_key=True)
    count = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return self.bucket
