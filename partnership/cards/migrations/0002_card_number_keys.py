"""Card numbers out of reach of any one key (docs/cards.md, "Upgrading").

Each existing card number is decrypted under the field ring and encrypted again under
the card-data ring (``CARD_DATA_KEYS``, same associated data); its index is made again
under the first ``CARD_INDEX_KEYS`` key in place of ``BLIND_INDEX_KEY``; and the stored
first six digits are dropped. Backwards, the same steps undone (the first six come
back from the decrypted number). Every row in one transaction: a card that cannot be
decrypted stops the migration, naming its row, and changes nothing.
"""

from collections.abc import Callable, Iterator
from typing import Any

from django.db import migrations, models

import partnership.crypto.fields
from partnership.crypto import blind_index, keys
from partnership.crypto.fields import Ciphertext

PURPOSE = "card-pan"
BATCH = 500


def _digits(value: str) -> str:
    # Stored numbers are digits only: what services.pan_index normalises to.
    return value


def _rows(model: Any, db: str) -> Iterator[list[tuple[Any, str]]]:
    last_pk = None
    while True:
        query = model._base_manager.using(db).order_by("pk")
        if last_pk is not None:
            query = query.filter(pk__gt=last_pk)
        rows = list(query.values_list("pk", "pan")[:BATCH])
        if not rows:
            return
        yield rows
        last_pk = rows[-1][0]


def _move(
    apps: Any, schema_editor: Any, *, source: str, target: str, index: Callable[[str], str]
) -> None:
    """Every card number from the ``source`` ring to the ``target`` one, indexed again."""
    model = apps.get_model("cards", "CardAccount")
    db = schema_editor.connection.alias
    old_ring, new_ring = keys.key_ring(source), keys.key_ring(target)
    forwards = target == keys.RING_CARD_DATA
    for rows in _rows(model, db):
        for pk, token in rows:
            aad = f"cards.cardaccount|pan|{pk}".encode()
            pan = old_ring.decrypt(
                token, associated_data=aad, context=f"cards.cardaccount.pan of row {pk}"
            ).decode("ascii")
            changes: dict[str, Any] = {
                "pan": Ciphertext(new_ring.encrypt(pan.encode("ascii"), associated_data=aad)),
                "pan_index": index(pan),
                "pan_last4": pan[-4:],
            }
            if not forwards:
                changes["pan_first6"] = pan[:6]
            model._base_manager.using(db).filter(pk=pk).update(**changes)


def seal_card_numbers(apps: Any, schema_editor: Any) -> None:
    _move(
        apps,
        schema_editor,
        source=keys.RING_FIELD,
        target=keys.RING_CARD_DATA,
        index=lambda pan: blind_index.card_number_index(pan, purpose=PURPOSE, normalise=_digits),
    )


def unseal_card_numbers(apps: Any, schema_editor: Any) -> None:
    _move(
        apps,
        schema_editor,
        source=keys.RING_CARD_DATA,
        target=keys.RING_FIELD,
        index=lambda pan: blind_index.blind_index(pan, purpose=PURPOSE, normalise=_digits),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("cards", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="cardaccount",
            name="pan",
            field=partnership.crypto.fields.CardDataField(max_length=19),
        ),
        migrations.AlterField(
            model_name="cardaccount",
            name="pan_index",
            field=models.CharField(editable=False, max_length=81, unique=True),
        ),
        migrations.RunPython(seal_card_numbers, unseal_card_numbers),
        # A default, so that going back can add the column to existing rows before the
        # reverse of the step above fills it in.
        migrations.AlterField(
            model_name="cardaccount",
            name="pan_first6",
            field=models.CharField(default="", max_length=6),
        ),
        migrations.RemoveField(
            model_name="cardaccount",
            name="pan_first6",
        ),
    ]
