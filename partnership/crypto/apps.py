from django.apps import AppConfig


class CryptoConfig(AppConfig):
    name = "partnership.crypto"
    label = "crypto"
    verbose_name = "Crypto"

    def ready(self) -> None:
        from django.core import checks

        # Importing keys connects the cache reset to Django's setting_changed signal.
        from partnership.crypto import keys  # noqa: F401
        from partnership.crypto.checks import check_keys

        checks.register(check_keys, checks.Tags.security)
