from django.apps import AppConfig


class InboxConfig(AppConfig):
    name = "partnership.inbox"
    label = "inbox"
    verbose_name = "Secure messages"

    def ready(self) -> None:
        from partnership.accounts.panels import HomePanel, register_home_panel
        from partnership.core import seeding
        from partnership.inbox import demo, personal_data
        from partnership.inbox.selectors import unread_count

        personal_data.register()
        register_home_panel(
            HomePanel(
                name="messages",
                template="inbox/_home_panel.html",
                context=lambda user: {"unread": unread_count(owner_id=user.pk)},
                order=30,
            )
        )
        seeding.register(seeding.Seeder("inbox:threads", demo.seed_threads))
