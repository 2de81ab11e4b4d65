from django.apps import AppConfig


class CardsConfig(AppConfig):
    name = "partnership.cards"
    label = "cards"
    verbose_name = "Card accounts"

    def ready(self) -> None:
        from partnership.accounts.panels import HomePanel, register_home_panel
        from partnership.cards import demo, personal_data
        from partnership.cards.selectors import card_account_current
        from partnership.core import jobs, seeding

        personal_data.register()
        _register_pan_reindex()
        register_home_panel(
            HomePanel(
                name="card-summary",
                template="cards/_home_summary.html",
                context=lambda user: {"account": card_account_current(owner_id=user.pk)},
                order=10,
            )
        )
        seeding.register(seeding.Seeder("cards:card-accounts", demo.seed_card_accounts))
        jobs.register(
            jobs.Job(
                name="cards:statements",
                every_seconds=60 * 60,
                command=("card_statements",),
                description="Make the statements of months that have ended.",
            )
        )
        # Alerts (issue 15): payment due in N days, near or over the limit.
        jobs.register(
            jobs.Job(
                name="cards:alerts",
                every_seconds=60 * 60,
                command=("card_alerts",),
                description="Send the payment-due and credit-limit alerts customers chose.",
            )
        )


def _register_pan_reindex() -> None:
    """``rotate_keys`` makes card-number indexes again under the first CARD_INDEX_KEYS key."""
    from partnership.cards.models import Card, CardAccount
    from partnership.cards.services import pan_index
    from partnership.crypto import reindex
    from partnership.crypto.keys import card_index_keys

    reindex.register(
        reindex.Reindex(
            label="cards.cardaccount.pan_index",
            setting="CARD_INDEX_KEYS",
            model=CardAccount,
            column="pan_index",
            source="pan",
            keys=card_index_keys,
            index_of=lambda account: pan_index(account.pan),
        )
    )
    reindex.register(
        reindex.Reindex(
            label="cards.card.pan_index",
            setting="CARD_INDEX_KEYS",
            model=Card,
            column="pan_index",
            source="pan",
            keys=card_index_keys,
            index_of=lambda card: pan_index(card.pan),
        )
    )
