from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "partnership.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from partnership.accounts import demo, personal_data
        from partnership.accounts.services import device_cookies, devices
        from partnership.core import seeding

        personal_data.register()
        devices.remembered_device_cookie_declare()
        device_cookies.device_cookie_declare()
        seeding.register(seeding.Seeder("accounts:demo-logins", demo.seed_demo_logins))
        # Art. 19 notices name a person by the detail the recipient holds (issue 18).
        from partnership.accounts import recipient_identifiers

        recipient_identifiers.register()
