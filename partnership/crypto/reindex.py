"""Keyed indexes made again under the first key of their key list (``rotate_keys``).

An index whose tokens name their key (``<key id>.<hex>``, like the card-number index
under ``CARD_INDEX_KEYS``) is registered by its app as a ``Reindex``. After the key
rings, ``rotate_keys`` makes the index of every row not under the first key again
from the row's decrypted value, in pk-ordered batches, each one transaction that
locks its rows; a re-run skips rows already under the first key (read from the key
id). Once no row is under an old key, that key can leave the list.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass
from typing import Any

from django.db import connections, router, transaction
from django.db.models import Model

from partnership.core.registry import Registry

UNREADABLE = "?"


@dataclass(frozen=True)
class Reindex:
    label: str  # e.g. "cards.cardaccount.pan_index"
    setting: str  # the key list's setting, for messages
    model: type[Model]
    column: str  # the index column (a plain CharField)
    source: str  # the encrypted field the index is made from
    keys: Callable[[], list[tuple[str, bytes]]]  # the key list; the first indexes
    index_of: Callable[[Any], str]  # the index of a loaded row under the first key

    def primary_key_id(self) -> str:
        return self.keys()[0][0]


REINDEXES: Registry[Reindex] = Registry("blind index", name=lambda reindex: reindex.label)
register = REINDEXES.register


def registered() -> list[Reindex]:
    return sorted(REINDEXES.all(), key=lambda reindex: reindex.label)


def index_key_id(token: object) -> str:
    key_id, dot, _ = token.partition(".") if isinstance(token, str) else ("", "", "")
    return key_id if dot and key_id else UNREADABLE


def _batches(reindex: Reindex, batch_size: int, *, lock: bool) -> Iterator[list[tuple[Any, Any]]]:
    using = router.db_for_write(reindex.model)
    last_pk: Any = None
    while True:
        # Counting (lock=False) reads without a transaction, blocking no writer.
        with transaction.atomic(using=using) if lock else nullcontext():
            query = reindex.model._base_manager.using(using).order_by("pk")
            if last_pk is not None:
                query = query.filter(pk__gt=last_pk)
            if lock and connections[using].features.has_select_for_update:
                query = query.select_for_update()
            rows = list(query.values_list("pk", reindex.column)[:batch_size])
            if not rows:
                return
            yield rows
        last_pk = rows[-1][0]


def plan(reindex: Reindex, *, batch_size: int) -> Counter[str]:
    """How many rows hold an index under each key id (no decryption, no writes)."""
    by_key: Counter[str] = Counter()
    for rows in _batches(reindex, batch_size, lock=False):
        by_key.update(index_key_id(token) for _, token in rows if token)
    return by_key


def rotate(reindex: Reindex, *, batch_size: int) -> int:
    """Make every index not under the first key again; count them."""
    primary = reindex.primary_key_id()
    done = 0
    for rows in _batches(reindex, batch_size, lock=True):
        stale = [pk for pk, token in rows if index_key_id(token) != primary]
        loaded = reindex.model._base_manager.filter(pk__in=stale).only("pk", reindex.source)
        for row in loaded:
            reindex.model._base_manager.filter(pk=row.pk).update(
                **{reindex.column: reindex.index_of(row)}
            )
            done += 1
    return done
