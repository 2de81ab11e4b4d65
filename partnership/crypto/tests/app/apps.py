from django.apps import AppConfig


class CryptoTestsConfig(AppConfig):
    """Models that exist only in the test database, to exercise the encrypted fields."""

    name = "partnership.crypto.tests.app"
    label = "crypto_tests"
