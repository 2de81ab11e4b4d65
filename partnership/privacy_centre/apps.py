from django.apps import AppConfig


class PrivacyCentreConfig(AppConfig):
    name = "partnership.privacy_centre"
    label = "privacy_centre"
    verbose_name = "Privacy centre"

    def ready(self) -> None:
        from partnership.privacy_centre import personal_data

        personal_data.register()
