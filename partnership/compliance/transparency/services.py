"""Publishing a quarter's transparency report: frozen once, audited by quarter only."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from partnership.audit.events import AuditEventType
from partnership.audit.services import Actor, audit_record
from partnership.compliance.transparency.models import TransparencyReport
from partnership.compliance.transparency.quarters import Quarter
from partnership.core import clock


class TransparencyPublishError(ValueError):
    """The quarter cannot be published (not over yet, or already published)."""


def transparency_store(
    *, quarter: Quarter, figures: dict[str, object], threshold: int, actor: Actor
) -> TransparencyReport:
    """Freeze ``figures`` (already suppressed) as the quarter's published report."""
    if quarter.ends_on >= clock.today_in_london():
        raise TransparencyPublishError(f"{quarter.name} is not over yet")
    report = TransparencyReport(
        quarter=quarter.name,
        starts_on=quarter.starts_on,
        ends_on=quarter.ends_on,
        published_at=clock.now(),
        threshold=threshold,
        figures=figures,
    )
    try:
        with transaction.atomic():
            report.save(force_insert=True)
            audit_record(
                event=AuditEventType.PRIVACY_TRANSPARENCY_PUBLISH,
                actor=actor,
                subject_type="transparency_report",
                subject_id=quarter.name,
            )
    except IntegrityError as exc:
        raise TransparencyPublishError(f"{quarter.name} is already published") from exc
    return report
