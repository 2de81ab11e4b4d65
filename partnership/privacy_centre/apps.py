from django.apps import AppConfig


class PrivacyCentreConfig(AppConfig):
    name = "partnership.privacy_centre"
    label = "privacy_centre"
    verbose_name = "Privacy centre"

    def ready(self) -> None:
        from partnership.accounts.after_sign_in import register_sign_in_interstitial
        from partnership.privacy_centre import personal_data
        from partnership.privacy_centre.views.policy_notice import POLICY_NOTICE

        personal_data.register()
        register_sign_in_interstitial(POLICY_NOTICE)
