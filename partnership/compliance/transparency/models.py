"""Published quarterly transparency reports: frozen once published (write-once table)."""

from __future__ import annotations

from django.db import models


class TransparencyReport(models.Model):
    quarter = models.CharField(max_length=6, unique=True)  # "2026Q3"
    starts_on = models.DateField()
    ends_on = models.DateField()  # the last day of the quarter
    published_at = models.DateTimeField()
    threshold = models.PositiveIntegerField()  # counts below it were withheld
    figures = models.JSONField()  # counts only, withheld ones as null

    class Meta:
        ordering = ["-starts_on"]

    def __str__(self) -> str:
        return self.quarter
