from django.apps import AppConfig


class PaymentsConfig(AppConfig):
    name = "partnership.payments"
    label = "payments"
    verbose_name = "Payments and Direct Debit"

    def ready(self) -> None:
        from django.core import checks as django_checks

        from partnership.core import jobs, seeding
        from partnership.payments import checks, demo, personal_data

        django_checks.register(checks.payment_provider_known)
        personal_data.register()
        seeding.register(seeding.Seeder("payments:direct-debits", demo.seed_payments))
        jobs.register(
            jobs.Job(
                name="payments:direct-debit-notices",
                every_seconds=60 * 60,
                command=("direct_debit_notices",),
                description="Send the advance notice of each Direct Debit collection.",
            )
        )
        jobs.register(
            jobs.Job(
                name="payments:direct-debit-collections",
                every_seconds=60 * 60,
                command=("direct_debit_collect",),
                description="Collect the Direct Debits due today.",
            )
        )
