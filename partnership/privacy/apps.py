from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "partnership.privacy"
    label = "privacy"
    verbose_name = "Privacy"

    def ready(self) -> None:
        from partnership.core import jobs
        from partnership.privacy import checks_selfaudit

        checks_selfaudit.register()

        jobs.register(
            jobs.Job(
                name="privacy:retention",
                every_seconds=24 * 60 * 60,
                command=("retention_run",),
                description="Delete rows and files past their retention period.",
                lease_seconds=60 * 60,
            )
        )
