from django.apps import AppConfig


class PolicyConfig(AppConfig):
    name = "partnership.policy"
    label = "policy"
    verbose_name = "Privacy policy"

    def ready(self) -> None:
        from partnership.consent import services as consent_services
        from partnership.core import seeding
        from partnership.policy import checks_selfaudit, demo, selectors

        seeding.register(seeding.Seeder("privacy:policy-versions", demo.seed_policy_versions))
        consent_services.policy_version_source_set(selectors.policy_number_in_force)
        checks_selfaudit.register()
