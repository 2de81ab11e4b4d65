from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "partnership.public"
    label = "public"
    verbose_name = "Public pages"

    def ready(self) -> None:
        from partnership.public import checks_selfaudit

        checks_selfaudit.register()
