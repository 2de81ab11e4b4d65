from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "partnership.core"
    label = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from django.core import checks

        from partnership.core import db, jobs, workdays

        db.install_connection_hooks()
        checks.register(workdays.holidays_current)
        jobs.register(
            jobs.Job(
                name="sessions:clear-expired",
                every_seconds=60 * 60,
                command=("clearsessions",),
                description="Delete expired server-side sessions.",
            )
        )
        jobs.register(
            jobs.Job(
                name="core:ratelimit-purge",
                every_seconds=60 * 60,
                command=("ratelimit_purge",),
                description="Delete expired rate-limit counters and blocks.",
            )
        )
