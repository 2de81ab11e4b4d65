from django.apps import AppConfig


class CardsConfig(AppConfig):
    name = "partnership.cards"
    label = "cards"
    verbose_name = "Card accounts"
