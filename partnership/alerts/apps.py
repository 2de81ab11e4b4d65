from django.apps import AppConfig


class AlertsConfig(AppConfig):
    name = "partnership.alerts"
    label = "alerts"
    verbose_name = "Alerts and paperless statements"

    def ready(self) -> None:
        from partnership.accounts.new_device import NewDeviceListener, register_new_device_listener
        from partnership.accounts.panels import HomePanel, register_home_panel
        from partnership.alerts import demo, personal_data
        from partnership.alerts.services import new_device_alert
        from partnership.core import seeding

        personal_data.register()
        register_new_device_listener(NewDeviceListener("alerts:new-device", new_device_alert))
        register_home_panel(
            HomePanel(
                name="alerts",
                template="alerts/_home_panel.html",
                context=lambda user: {},
                order=40,
            )
        )
        seeding.register(seeding.Seeder("alerts:choices", demo.seed_alert_choices))
