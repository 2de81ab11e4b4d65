from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "partnership.core"
    label = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from partnership.core import db, jobs

        db.install_connection_hooks()
        jobs.register(
            jobs.Job(
                name="sessions:clear-expired",
                every_seconds=60 * 60,
                command=("clearsessions",),
                description="Delete expired server-side sessions.",
            )
        )
