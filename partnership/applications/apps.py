from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "partnership.applications"
    label = "applications"
    verbose_name = "Card applications"

    def ready(self) -> None:
        from partnership.applications import records

        records.register()
