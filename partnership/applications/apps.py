from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "partnership.applications"
    label = "applications"
    verbose_name = "Card applications"

    def ready(self) -> None:
        from django.conf import settings

        from partnership.accounts.panels import HomePanel, register_home_panel
        from partnership.applications import demo, personal_data
        from partnership.applications.agency import agency_factory
        from partnership.applications.agreement import agreement_application
        from partnership.core import seeding

        agency_factory(settings.CREDIT_REFERENCE_AGENCY)  # an unknown agency stops start-up
        personal_data.register()
        seeding.register(seeding.Seeder("applications:applications", demo.seed_applications))
        register_home_panel(
            HomePanel(
                name="credit-agreement",
                template="applications/_home_agreement.html",
                context=lambda user: {"agreement": agreement_application(customer_id=user.pk)},
                order=20,
            )
        )
