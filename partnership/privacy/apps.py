from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "partnership.privacy"
    label = "privacy"
    verbose_name = "Privacy"

    def ready(self) -> None:
        from partnership.core import jobs, seeding
        from partnership.privacy import demo
        from partnership.privacy.complaints import records
        from partnership.privacy.consent import records as consent_records
        from partnership.privacy.marketing import records as marketing_records
        from partnership.privacy.processors import demo as processors_demo
        from partnership.privacy.research import research_partners
        from partnership.privacy.rights import records as rights_records
        from partnership.privacy.selfaudit import checks as selfaudit_checks

        # Processors first: the demo policy versions freeze the processor table.
        seeding.register(seeding.Seeder("privacy:processors", processors_demo.seed_processors))
        seeding.register(seeding.Seeder("privacy:policy-versions", demo.seed_policy_versions))
        records.register()
        consent_records.register()
        marketing_records.register()
        rights_records.register()
        selfaudit_checks.register()
        research_partners()  # a malformed RESEARCH_PARTNERS stops start-up here
        jobs.register(
            jobs.Job(
                name="privacy:retention",
                every_seconds=24 * 60 * 60,
                command=("retention_run",),
                description="Delete rows and files past their retention period.",
                lease_seconds=60 * 60,
            )
        )
