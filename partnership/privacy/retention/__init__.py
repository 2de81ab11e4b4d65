"""The retention engine: rules of their own registry (``rules``), applied in short
batches (``run``). Callers use ``from partnership.privacy import retention`` and the
names below."""

from partnership.privacy.retention.rules import (
    DEFAULT_BATCH_SIZE,
    FileRule,
    Period,
    RetentionError,
    RetentionRule,
    TableRule,
    expired_files,
    expired_rows,
    file_date_in_name,
    file_modified_at,
    overdue_count,
    register,
    registered,
    registry_isolated,
    rule_named,
    rule_period,
)
from partnership.privacy.retention.run import (
    RetentionReport,
    RuleOutcome,
    next_batch_size,
    retention_run,
)

__all__ = [
    "DEFAULT_BATCH_SIZE",
    "FileRule",
    "Period",
    "RetentionError",
    "RetentionReport",
    "RetentionRule",
    "RuleOutcome",
    "TableRule",
    "expired_files",
    "expired_rows",
    "file_date_in_name",
    "file_modified_at",
    "next_batch_size",
    "overdue_count",
    "register",
    "registered",
    "registry_isolated",
    "retention_run",
    "rule_named",
    "rule_period",
]
