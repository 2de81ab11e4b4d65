from django.apps import AppConfig


class AnalyticsConfig(AppConfig):
    name = "partnership.analytics"
    label = "analytics"
    verbose_name = "Visitor statistics"

    def ready(self) -> None:
        from partnership.analytics import checks_selfaudit, cookie, retention_rules
        from partnership.core import jobs

        cookie.register()
        retention_rules.register()
        checks_selfaudit.register()
        jobs.register(
            jobs.Job(
                name="analytics:rollup",
                every_seconds=6 * 60 * 60,
                command=("analytics_rollup",),
                description="Add up finished months of visitor counters for fast reports.",
            )
        )
