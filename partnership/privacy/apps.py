from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "partnership.privacy"
    label = "privacy"
    verbose_name = "Privacy"

    def ready(self) -> None:
        from partnership.core import seeding
        from partnership.privacy import demo

        seeding.register(seeding.Seeder("privacy:policy-versions", demo.seed_policy_versions))
