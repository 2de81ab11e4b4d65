from django.apps import AppConfig


class CryptoConfig(AppConfig):
    name = "partnership.crypto"
    label = "crypto"
    verbose_name = "Crypto"
