from django.apps import AppConfig


class AnalyticsConfig(AppConfig):
    name = "partnership.analytics"
    label = "analytics"
    verbose_name = "Visitor statistics"
