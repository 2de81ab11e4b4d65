"""Card numbers (PANs): Luhn check digits, generation inside our BIN ranges, masking.

We show the last four digits only ("card ending 1234"), never the BIN beside them
(PCI DSS 3.4.1; docs/cards.md); everything that leaves this module for display goes
through ``pan_mask``.
"""

from __future__ import annotations

import random
import secrets
from collections.abc import Sequence

from partnership.offers.bin_ranges import BIN_LENGTH, BinRange, bin_ranges_configured

PAN_LENGTH = 16
MASK_CHARACTER = "•"


def luhn_check_digit(partial: str) -> str:
    """The digit that makes ``partial + digit`` pass the Luhn check."""
    total = 0
    # Walking from the right, the digit next to the check digit is doubled first.
    for position, char in enumerate(reversed(partial)):
        digit = int(char)
        if position % 2 == 0:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return str((10 - total % 10) % 10)


def luhn_valid(number: str) -> bool:
    if len(number) < 2 or not number.isascii() or not number.isdigit():
        return False
    return luhn_check_digit(number[:-1]) == number[-1]


def pan_generate(
    *, ranges: Sequence[BinRange] | None = None, rng: random.Random | None = None
) -> str:
    """A 16-digit, Luhn-valid card number whose BIN lies in one of ``ranges``.

    A range is chosen in proportion to its size, so every BIN is equally likely.
    ``rng`` is for repeatable demo data; real cards use the system's CSPRNG.
    """
    chosen_ranges = tuple(ranges or bin_ranges_configured())
    source: random.Random = rng or secrets.SystemRandom()
    pick = source.randrange(sum(r.size for r in chosen_ranges))
    for candidate in chosen_ranges:
        if pick < candidate.size:
            bin_number = candidate.low + pick
            break
        pick -= candidate.size
    body_length = PAN_LENGTH - BIN_LENGTH - 1
    body = "".join(str(source.randrange(10)) for _ in range(body_length))
    partial = f"{bin_number:06d}{body}"
    return partial + luhn_check_digit(partial)


def pan_normalise(value: str) -> str:
    """The digits of a card number as people type it (spaces and hyphens dropped)."""
    return "".join(char for char in value if char not in " -")


def pan_mask(*, last4: str, mask: str = MASK_CHARACTER) -> str:
    """``•••• •••• •••• 1234``: the last four digits only, in groups of four."""
    digits = mask * (PAN_LENGTH - len(last4)) + last4
    return " ".join(digits[i : i + 4] for i in range(0, len(digits), 4))
