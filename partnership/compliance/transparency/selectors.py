"""Reads of the published transparency reports."""

from __future__ import annotations

from django.db.models import QuerySet

from partnership.compliance.transparency.models import TransparencyReport
from partnership.compliance.transparency.quarters import Quarter


def transparency_published() -> QuerySet[TransparencyReport]:
    return TransparencyReport.objects.order_by("-starts_on")


def transparency_get(*, quarter: Quarter) -> TransparencyReport | None:
    return TransparencyReport.objects.filter(quarter=quarter.name).first()
