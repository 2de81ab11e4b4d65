from django.apps import AppConfig


class ConsentConfig(AppConfig):
    name = "partnership.consent"
    label = "consent"
    verbose_name = "Cookies and consent"

    def ready(self) -> None:
        from partnership.consent import checks_selfaudit, personal_data
        from partnership.consent.research import research_partners

        personal_data.register()
        checks_selfaudit.register()
        research_partners()  # a malformed RESEARCH_PARTNERS stops start-up here
