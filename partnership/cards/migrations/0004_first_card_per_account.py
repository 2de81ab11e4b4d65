"""Each existing card account gets one active card carrying the account's number.

The number is decrypted under the card-data ring and encrypted again for the new row
(associated data bound to ``cards.card``, its pan and its pk); the index is the
account's (same number, same key). The account keeps its own copy, as new accounts
do (docs/cards.md). Backwards, the previous migration's reversal drops the table.
"""

import uuid
from typing import Any

from django.db import migrations

from partnership.crypto import keys

CARD_LIFE_YEARS = 3


def first_cards(apps: Any, schema_editor: Any) -> None:
    account_model = apps.get_model("cards", "CardAccount")
    card_model = apps.get_model("cards", "Card")
    change_model = apps.get_model("cards", "CardStatusChange")
    db = schema_editor.connection.alias
    ring = keys.key_ring(keys.RING_CARD_DATA)
    accounts = account_model._base_manager.using(db).filter(cards__isnull=True).order_by("pk")
    rows = accounts.values_list("pk", "pan", "pan_index", "pan_last4", "opened_on")
    for pk, token, index, last4, opened_on in rows.iterator(chunk_size=500):
        aad = f"cards.cardaccount|pan|{pk}".encode()
        pan = ring.decrypt(
            token, associated_data=aad, context=f"cards.cardaccount.pan of row {pk}"
        ).decode("ascii")
        expiry_year = opened_on.year + CARD_LIFE_YEARS
        card = card_model(
            id=uuid.uuid4(),
            account_id=pk,
            pan=pan,
            pan_index=index,
            pan_last4=last4,
            expiry_month=opened_on.month,
            expiry_year=expiry_year,
            status="active",
            issued_on=opened_on,
            activated_on=opened_on,
        )
        card.save(using=db)
        change_model._base_manager.using(db).create(
            account_id=pk, card_id=card.pk, from_status="", to_status="active", changed_by="system"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("cards", "0003_cards_under_account"),
    ]

    operations = [
        migrations.RunPython(first_cards, migrations.RunPython.noop),
    ]
