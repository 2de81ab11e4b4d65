"""Every audit event name the site may record: typed tags, ``<area>:<thing>:<action>``.

An event not listed here cannot be recorded (``audit_record`` refuses it). Later
issues add their names here; the model field holds the string without ``choices`` so
adding a name needs no migration.
"""

from __future__ import annotations

from enum import StrEnum


class AuditEventType(StrEnum):
    PRIVACY_POLICY_PUBLISH = "privacy:policy:publish"
    PRIVACY_COMPLAINT_SUBMIT = "privacy:complaint:submit"
    PRIVACY_SUBJECT_ACCESS_EXPORT = "privacy:subject-access:export"
    PRIVACY_RETENTION_RUN = "privacy:retention:run"
    CRYPTO_KEYS_ROTATE = "crypto:keys:rotate"
    # Declared for completeness; checkpoints are logged, not recorded (docs/audit.md).
    AUDIT_CHECKPOINT_WRITE = "audit:checkpoint:write"


class ActorKind(StrEnum):
    SYSTEM = "system"
    CUSTOMER = "customer"
    STAFF = "staff"
