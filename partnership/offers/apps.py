from django.apps import AppConfig
from django.core.exceptions import ImproperlyConfigured


def bin_ranges_check_at_start() -> None:
    """Stop start-up (every command, every web worker) when CARD_BIN_RANGES is malformed."""
    from django.conf import settings

    from partnership.offers.bin_ranges import BinRangeError, bin_ranges_parse

    try:
        bin_ranges_parse(settings.CARD_BIN_RANGES)
    except BinRangeError as exc:
        raise ImproperlyConfigured(
            f"CARD_BIN_RANGES is malformed: {exc}. See docs/offers.md."
        ) from None


class OffersConfig(AppConfig):
    name = "partnership.offers"
    label = "offers"
    verbose_name = "Special Offers"

    def ready(self) -> None:
        from partnership.core import seeding
        from partnership.offers import checks_selfaudit, demo

        bin_ranges_check_at_start()
        checks_selfaudit.register()
        seeding.register(seeding.Seeder("offers:offers", demo.seed_offers))
