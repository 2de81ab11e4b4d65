from django.apps import AppConfig


class ComplianceConfig(AppConfig):
    name = "partnership.compliance"
    label = "compliance"
    verbose_name = "Compliance"

    def ready(self) -> None:
        from partnership.compliance import checks_selfaudit
        from partnership.compliance.breaches import personal_data as breaches_data
        from partnership.compliance.complaints import personal_data as complaints_data
        from partnership.compliance.marketing import personal_data as marketing_data
        from partnership.compliance.processors import demo as processors_demo
        from partnership.compliance.rights import personal_data as rights_data
        from partnership.core import seeding

        # Processors before the policy versions (policy app), which freeze the table.
        seeding.register(seeding.Seeder("privacy:processors", processors_demo.seed_processors))
        complaints_data.register()
        marketing_data.register()
        rights_data.register()
        breaches_data.register()
        checks_selfaudit.register()
        # The record of processing (issue 18).
        from partnership.compliance.processing import checks as processing_checks
        from partnership.core.selfaudit import register_checks

        register_checks(processing_checks.CHECKS)
        # Art. 19 notifications to recipients (issue 18).
        from partnership.compliance.notifications import personal_data as notifications_data

        notifications_data.register()
