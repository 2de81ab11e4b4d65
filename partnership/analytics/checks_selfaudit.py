"""Self-audit checks of the statistics and the access log (P3, P4), registered from
AnalyticsConfig.ready() (partnership/core/selfaudit.py)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from django.apps import apps
from django.conf import settings

from partnership.analytics import access_log, cookie, hits
from partnership.analytics.areas import AREAS
from partnership.consent import cookies
from partnership.core import clock
from partnership.core.selfaudit import Check, CheckResult, register_checks

# Every column the statistics tables may have: dimensions and counts, nothing per visitor.
STATISTICS_COLUMNS = frozenset(
    {"id", "day", "hour", "month", "area", "country", "name", "dimension"}
    | {"views", "visitors", "requests"}
)
_COOKIE_VALUE = re.compile(r"\d{4}-\d{2}-\d{2}\.[0-9a-f]{2}")


def statistics_tables_hold_no_id() -> CheckResult:
    models = list(apps.get_app_config("analytics").get_models())
    extra = sorted(
        f"{model._meta.db_table}.{field.column}"
        for model in models
        for field in model._meta.concrete_fields
        if field.name not in STATISTICS_COLUMNS
    )
    if extra:
        return CheckResult(False, f"statistics columns outside the allow-list: {', '.join(extra)}")
    return CheckResult(True, f"{len(models)} statistics tables hold dimensions and counts only")


def statistics_cookie_holds_no_id() -> CheckResult:
    declaration = cookies.first_party_by_name().get(cookie.cookie_name())
    if declaration is None:
        return CheckResult(False, "the statistics cookie is not declared")
    sample = hits.fresh(clock.today_in_london())
    for area in AREAS:
        sample = sample.with_area(area)
    value = sample.value()
    if not _COOKIE_VALUE.fullmatch(value) or "no identifier" not in declaration.holds.lower():
        return CheckResult(False, "the statistics cookie's value is not date and area bits only")
    return CheckResult(True, f"value is a date and {len(AREAS)} area bits ({len(value)} chars)")


def _log_days(directory: Path) -> list[dt.date]:
    if not directory.is_dir():
        return []
    days = (access_log.file_day(path) for path in directory.glob(access_log.FILE_GLOB))
    return sorted(day for day in days if day is not None)


def access_log_within_retention() -> CheckResult:
    keep = int(settings.ACCESS_LOG_RETENTION_DAYS)
    days = _log_days(Path(settings.ACCESS_LOG_DIR))
    oldest_allowed = clock.today_in_london() - dt.timedelta(days=keep - 1)
    too_old = [day for day in days if day < oldest_allowed]
    if too_old or len(days) > keep:
        return CheckResult(
            False,
            f"{len(days)} daily files for a retention of {keep} days; {len(too_old)} older "
            f"than {oldest_allowed.isoformat()} (oldest {days[0].isoformat()})",
        )
    oldest = days[0].isoformat() if days else "none"
    return CheckResult(True, f"{len(days)} daily files (oldest {oldest}), retention {keep} days")


CHECKS = (
    Check(
        "P3.no-visitor-id",
        "P3",
        "Statistics tables have no identifier column",
        statistics_tables_hold_no_id,
    ),
    Check(
        "P3.cookie-holds-no-id",
        "P3",
        "The statistics cookie holds only the date and areas counted",
        statistics_cookie_holds_no_id,
    ),
    Check(
        "P4.access-log-retention",
        "P4",
        "Access-log files are kept no longer than ACCESS_LOG_RETENTION_DAYS",
        access_log_within_retention,
    ),
)


def register() -> None:
    register_checks(CHECKS)
