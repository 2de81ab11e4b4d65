from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "partnership.applications"
    label = "applications"
    verbose_name = "Card applications"

    def ready(self) -> None:
        from partnership.applications import demo, personal_data
        from partnership.core import seeding

        personal_data.register()
        seeding.register(seeding.Seeder("applications:applications", demo.seed_applications))
