"""The one way an app erases a person's rows: each row goes unless a legal hold keeps it.

Every ``erase`` callable of the data inventory ends the same way — look at each of the
person's rows, ask which hold (if any) keeps it, delete the rest in one statement, and
say which ids went and which stayed under which hold. This is that loop, once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.db import models, transaction

from partnership.privacy.inventory import ErasureOutcome, KeptRecord, LegalHold

Row = TypeVar("Row", bound=models.Model)


def erase_unless_held(
    rows: models.QuerySet[Row], hold_of: Callable[[Row], LegalHold | None]
) -> ErasureOutcome:
    """Delete every row of ``rows`` that ``hold_of`` finds no hold for, in one transaction.

    ``rows`` is read inside the transaction, so a ``select_for_update()`` on it locks the
    rows until they are deleted or kept.
    """
    erased: list[str] = []
    kept: list[KeptRecord] = []
    with transaction.atomic():
        for row in rows:
            hold = hold_of(row)
            if hold is None:
                erased.append(str(row.pk))
            else:
                kept.append(KeptRecord(id=str(row.pk), hold=hold.name))
        rows.model._default_manager.filter(pk__in=erased).delete()
    return ErasureOutcome(erased_ids=tuple(erased), kept=tuple(kept))
