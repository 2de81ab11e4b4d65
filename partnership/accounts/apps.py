from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "partnership.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from partnership.accounts import demo, records
        from partnership.core import seeding

        records.register()
        seeding.register(seeding.Seeder("accounts:demo-logins", demo.seed_demo_logins))
