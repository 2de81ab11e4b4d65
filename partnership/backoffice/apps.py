from django.apps import AppConfig


class BackofficeConfig(AppConfig):
    name = "partnership.backoffice"
    label = "backoffice"
    verbose_name = "Back office"

    def ready(self) -> None:
        from partnership.backoffice import checks_selfaudit, personal_data

        personal_data.register()
        checks_selfaudit.register()
