from django.apps import AppConfig


class OffersConfig(AppConfig):
    name = "partnership.offers"
    label = "offers"
    verbose_name = "Special Offers"
