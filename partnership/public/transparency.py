"""The public transparency report: a quarter's counts, small numbers withheld, frozen.

The counts come from ``compliance.transparency.counts``; this module applies the same
suppression as the analytics reports (``analytics.reports``: its threshold, and its
secondary suppression for breakdowns) before ``compliance`` freezes them. It lives in
``public`` because ``compliance`` sits left of ``analytics`` and may not import it.
A share answered in time is published only when at least the threshold of requests were
closed in the quarter.
"""

from __future__ import annotations

from partnership.analytics.reports import suppress_cells, suppress_total, suppression_threshold
from partnership.audit.services import Actor
from partnership.compliance.rights.models import RightsRequestKind
from partnership.compliance.transparency import counts, services
from partnership.compliance.transparency.models import TransparencyReport
from partnership.compliance.transparency.quarters import Quarter

Figures = dict[str, object]


def _breakdown(values: dict[str, int], threshold: int) -> dict[str, int | None]:
    kept = suppress_cells(list(values.values()), threshold)
    return dict(zip(values, kept, strict=True))


def transparency_figures(*, quarter: Quarter, threshold: int) -> Figures:
    raw = counts.transparency_counts(quarter=quarter)
    share = (
        round(100 * raw.rights_closed_in_time / raw.rights_closed)
        if raw.rights_closed >= threshold
        else None
    )
    return {
        "rights_requests": {
            "by_kind": _breakdown(raw.rights_by_kind, threshold),
            "received": suppress_total(sum(raw.rights_by_kind.values()), threshold),
            "closed": suppress_total(raw.rights_closed, threshold),
            "answered_in_time_percent": share,
        },
        "complaints": {
            "received": suppress_total(raw.complaints_received, threshold),
            "resolved": suppress_total(raw.complaints_resolved, threshold),
        },
        "staff_access": {
            "by_reason": _breakdown(raw.staff_access_by_reason, threshold),
            "total": suppress_total(sum(raw.staff_access_by_reason.values()), threshold),
        },
        "breaches_reported_to_ico": suppress_total(raw.breaches_reported, threshold),
        "marketing_exports": suppress_total(raw.marketing_exports, threshold),
    }


def transparency_publish(*, quarter: Quarter, actor: Actor) -> TransparencyReport:
    """Freeze the quarter's report (``TransparencyPublishError`` if not over or done)."""
    threshold = suppression_threshold()
    return services.transparency_store(
        quarter=quarter,
        figures=transparency_figures(quarter=quarter, threshold=threshold),
        threshold=threshold,
        actor=actor,
    )


def kind_label(kind: str) -> str:
    try:
        return str(RightsRequestKind(kind).label)
    except ValueError:
        return kind.replace("_", " ").capitalize()


def reason_label(reason: str) -> str:
    return reason.replace("_", " ").capitalize() or "No reason recorded"
