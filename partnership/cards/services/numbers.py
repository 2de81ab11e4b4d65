"""Card numbers: their index, whether one is in use, and a new unused one.

Numbers live on card accounts (the account's original number) and on cards; a new
number must repeat neither.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from partnership.cards.models import PAN_INDEX_PURPOSE, Card, CardAccount
from partnership.cards.pan import pan_generate, pan_normalise
from partnership.cards.services.errors import CardServiceError
from partnership.crypto.blind_index import card_number_index, card_number_index_candidates
from partnership.offers.bin_ranges import BinRange

_PAN_ATTEMPTS = 8


def pan_index(pan: str) -> str:
    """The card number's index under the first ``CARD_INDEX_KEYS`` key (what is stored)."""
    return card_number_index(pan, purpose=PAN_INDEX_PURPOSE, normalise=pan_normalise)


def pan_in_use(pan: str) -> bool:
    """Whether an account holds this card number, under any listed card index key.

    The only look-up by the whole number: new numbers must not repeat one issued.
    """
    candidates = card_number_index_candidates(
        pan, purpose=PAN_INDEX_PURPOSE, normalise=pan_normalise
    )
    return (
        CardAccount.objects.filter(pan_index__in=candidates).exists()
        or Card.objects.filter(pan_index__in=candidates).exists()
    )


def pan_new(*, ranges: Sequence[BinRange] | None = None, rng: random.Random | None = None) -> str:
    """A new, unused, Luhn-valid card number in our BIN ranges."""
    for _ in range(_PAN_ATTEMPTS):
        pan = pan_generate(ranges=ranges, rng=rng)
        if not pan_in_use(pan):
            return pan
    # 10^9 numbers per BIN make this vanishingly rare.
    raise CardServiceError("could not find an unused card number; try again")  # pragma: no cover
