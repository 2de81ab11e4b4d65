from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "partnership.public"
    label = "public"
    verbose_name = "Public pages"
