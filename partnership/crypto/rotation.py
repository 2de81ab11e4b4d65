"""Re-encrypt every stored value under its key ring's first key (``rotate_keys``).

Each field names its ring (the field ring, or the card-data ring for card numbers);
both are rotated in the same run.

Rows are visited model by model in pk order, in batches; each batch is one
transaction that locks its rows (``SELECT … FOR UPDATE`` where the database has it;
SQLite's IMMEDIATE transactions lock the whole database instead). A value already
under the first key is recognised by the key id in its token, without decrypting,
so an interrupted run simply resumes when started again.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.db import connections, router, transaction
from django.db.models import Model

from partnership.crypto.errors import DecryptionError
from partnership.crypto.fields import Ciphertext, EncryptedFieldMixin, encrypted_fields
from partnership.crypto.keys import KeyRing, token_key_id

UNREADABLE = "?"


class RotationError(Exception):
    """A stored value could not be re-encrypted; the message names model, row and field."""


class Progress(Protocol):
    def start(self, label: str, total: int) -> None: ...

    def advance(self, rows: int) -> None: ...

    def finish(self) -> None: ...


class NoProgress:
    def start(self, label: str, total: int) -> None:
        pass

    def advance(self, rows: int) -> None:
        pass

    def finish(self) -> None:
        pass


@dataclass
class FieldPlan:
    """How the stored values of one field are spread over keys."""

    label: str
    ring: KeyRing
    ring_name: str
    values: int = 0
    by_key: Counter[str] = field(default_factory=Counter)
    # The first row whose value no listed key can decrypt (unknown key id or malformed).
    first_unrotatable_row: str | None = None

    def to_rotate(self) -> int:
        return self.values - self.by_key[self.ring.primary_key_id]

    def cannot_rotate(self) -> int:
        return sum(n for key_id, n in self.by_key.items() if key_id not in self.ring.key_ids)


def _local_fields(model: type[Model]) -> list[EncryptedFieldMixin]:
    # A child table in multi-table inheritance rotates only its own columns.
    return [f for f in encrypted_fields(model) if f.model is model]


def _key_id_or_unreadable(token: object) -> str:
    try:
        return token_key_id(token)  # type: ignore[arg-type]
    except DecryptionError:
        return UNREADABLE


def _batches(
    model: type[Model], fields: list[EncryptedFieldMixin], batch_size: int, *, lock: bool
) -> Iterator[list[tuple[Any, ...]]]:
    """``(pk, token, token…)`` rows in pk order, one batch per transaction."""
    using = router.db_for_write(model)
    last_pk: Any = None
    while True:
        # Counting (lock=False) reads without a transaction: on SQLite, whose
        # transactions here take the write lock, it then blocks no writer.
        with transaction.atomic(using=using) if lock else nullcontext():
            query = model._base_manager.using(using).order_by("pk")
            if last_pk is not None:
                query = query.filter(pk__gt=last_pk)
            if lock and connections[using].features.has_select_for_update:
                query = query.select_for_update()
            rows = list(query.values_list("pk", *(f.attname for f in fields))[:batch_size])
            if not rows:
                return
            yield rows
        last_pk = rows[-1][0]


def plan(models: Sequence[type[Model]], *, batch_size: int) -> list[FieldPlan]:
    """Count stored values per model, field and key id (no decryption, no writes)."""
    plans: list[FieldPlan] = []
    for model in models:
        fields = _local_fields(model)
        model_plans = [
            FieldPlan(label=f.label(), ring=f.key_ring(), ring_name=f.ring_name) for f in fields
        ]
        for rows in _batches(model, fields, batch_size, lock=False):
            for pk, *tokens in rows:
                for field_plan, token in zip(model_plans, tokens, strict=True):
                    if token is None:
                        continue
                    key_id = _key_id_or_unreadable(token)
                    field_plan.values += 1
                    field_plan.by_key[key_id] += 1
                    unreadable = key_id not in field_plan.ring.key_ids
                    if unreadable and field_plan.first_unrotatable_row is None:
                        field_plan.first_unrotatable_row = str(pk)
        plans.extend(model_plans)
    return plans


def rotate_batch(
    model: type[Model],
    fields: list[EncryptedFieldMixin],
    rows: list[tuple[Any, ...]],
) -> Counter[str]:
    """Re-encrypt the values of these locked rows not under their ring's first key.

    Returns how many values were re-encrypted, by ring name.
    """
    rotated: Counter[str] = Counter()
    for pk, *tokens in rows:
        updates: dict[str, Ciphertext] = {}
        for field_, token in zip(fields, tokens, strict=True):
            ring = field_.key_ring()
            if token is None or _key_id_or_unreadable(token) == ring.primary_key_id:
                continue
            try:
                new_token = ring.reencrypt(
                    token, associated_data=field_.associated_data(pk), context=field_.context(pk)
                )
            except DecryptionError:
                raise RotationError(
                    f"cannot decrypt {field_.label()} of row {pk}; nothing in this batch "
                    f"was changed"
                ) from None
            updates[field_.attname] = Ciphertext(new_token)
            rotated[field_.ring_name] += 1
        if updates:
            model._base_manager.filter(pk=pk).update(**updates)
    return rotated


def rotate(models: Sequence[type[Model]], *, batch_size: int, progress: Progress) -> Counter[str]:
    """Re-encrypt every value of these models not under its ring's first key.

    Returns how many values were re-encrypted, by ring name.
    """
    rotated: Counter[str] = Counter()
    for model in models:
        fields = _local_fields(model)
        progress.start(model._meta.label_lower, model._base_manager.count())
        for rows in _batches(model, fields, batch_size, lock=True):
            rotated += rotate_batch(model, fields, rows)
            progress.advance(len(rows))
        progress.finish()
    return rotated
