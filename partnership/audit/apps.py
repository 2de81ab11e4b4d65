from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.core import checks


class AuditConfig(AppConfig):
    name = "partnership.audit"
    label = "audit"
    verbose_name = "Audit"

    def ready(self) -> None:
        from partnership.audit import checks_selfaudit
        from partnership.core import jobs

        checks_selfaudit.register()

        checks.register(audit_configuration_check, checks.Tags.security)
        jobs.register(
            jobs.Job(
                name="audit:checkpoint",
                every_seconds=10 * 60,
                command=("audit_checkpoint",),
                description="Sign the audit chain's head into AUDIT_CHECKPOINT_DIR.",
            )
        )


def audit_configuration_check(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """Start-up fails loudly on unusable audit keys or an unwritable checkpoint directory."""
    from django.conf import settings

    from partnership.audit.checkpoints import checkpoint_directory, checkpoint_directory_problem
    from partnership.audit.keys import AuditKeyError, public_key_bytes, signing_key, verify_keys

    errors: list[checks.CheckMessage] = []
    problem = checkpoint_directory_problem()
    if problem:
        errors.append(checks.Error(problem, id="audit.E001"))
    directory = checkpoint_directory().resolve()
    secrets = settings.SECRETS_DIR.resolve()
    if directory == secrets or secrets in directory.parents or directory in secrets.parents:
        errors.append(
            checks.Error(
                "AUDIT_CHECKPOINT_DIR must be apart from the secrets directory: the signing "
                "key never lives beside the checkpoints",
                id="audit.E002",
            )
        )
    try:
        own = signing_key()
        keys = verify_keys()
    except AuditKeyError as exc:
        errors.append(checks.Error(str(exc), id="audit.E003"))
        return errors
    if own.key_id not in keys or public_key_bytes(keys[own.key_id]) != own.public_bytes():
        errors.append(
            checks.Error(
                f"AUDIT_VERIFY_KEYS must list the public key of the signing key {own.key_id!r} "
                "under the same id, or checkpoints signed now would not verify",
                id="audit.E004",
            )
        )
    return errors
