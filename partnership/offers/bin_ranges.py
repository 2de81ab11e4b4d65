"""The BIN ranges our cards are issued in: parsed from configuration, validated.

A BIN (bank identification number) is the first six digits of a card number. A
range is written ``"412345-412399"`` (both ends included) or ``"535500"`` (one BIN).
``settings.CARD_BIN_RANGES`` — from the environment variable of that name, the only
source; its default is the demo ranges below — holds them as a comma-separated string
(tests may give a sequence of entries). The offers gate and card issuing (``cards``,
to the right of ``offers``) read the same ranges. ``OffersConfig.ready`` parses them at
start-up, so a malformed value stops the site before it serves anything.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings

# The demo ranges (DESIGN §3): the settings default, spelled as a sequence for tests.
DEFAULT_BIN_RANGES: tuple[str, ...] = ("412345-412399", "535500")
BIN_LENGTH = 6

_ENTRY = re.compile(r"(?P<low>[0-9]{6})(?:-(?P<high>[0-9]{6}))?")


class BinRangeError(ValueError):
    """A BIN range that cannot be used. The message quotes only the entry's position."""


@dataclass(frozen=True, order=True)
class BinRange:
    low: int
    high: int

    @property
    def size(self) -> int:
        return self.high - self.low + 1

    def contains(self, digits: str) -> bool:
        """Whether the first six of ``digits`` fall in this range."""
        prefix = digits[:BIN_LENGTH]
        if len(prefix) != BIN_LENGTH or not prefix.isascii() or not prefix.isdigit():
            return False
        return self.low <= int(prefix) <= self.high

    def __str__(self) -> str:
        if self.low == self.high:
            return f"{self.low:06d}"
        return f"{self.low:06d}-{self.high:06d}"


def bin_ranges_parse(spec: str | Sequence[str]) -> tuple[BinRange, ...]:
    """Ranges from ``"412345-412399,535500"`` or ``("412345-412399", "535500")``.

    Refuses (``BinRangeError``) an empty list, an entry that is not six digits or two
    six-digit numbers joined by ``-``, a range whose low end is above its high end, a
    BIN starting with 0 (no card scheme issues those), and ranges that overlap.
    """
    entries = spec.split(",") if isinstance(spec, str) else list(spec)
    ranges: list[BinRange] = []
    for position, raw in enumerate(entries, start=1):
        entry = raw.strip() if isinstance(raw, str) else ""
        match = _ENTRY.fullmatch(entry)
        if match is None:
            raise BinRangeError(
                f"BIN range {position} must be six digits, or two six-digit numbers "
                f"joined by '-' (e.g. 412345-412399)"
            )
        low = int(match["low"])
        high = int(match["high"] or match["low"])
        if low > high:
            raise BinRangeError(f"BIN range {position} starts above where it ends")
        if match["low"].startswith("0"):
            raise BinRangeError(f"BIN range {position} starts with 0, which no card scheme uses")
        ranges.append(BinRange(low, high))
    if not ranges:
        raise BinRangeError("at least one BIN range is needed")
    ranges.sort()
    for before, after in itertools.pairwise(ranges):
        if after.low <= before.high:
            raise BinRangeError(f"BIN ranges {before} and {after} overlap")
    return tuple(ranges)


def bin_ranges_configured() -> tuple[BinRange, ...]:
    """The ranges of ``settings.CARD_BIN_RANGES``."""
    spec: str | Sequence[str] = settings.CARD_BIN_RANGES
    return bin_ranges_parse(spec)


def bin_in_ranges(digits: str, *, ranges: Sequence[BinRange] | None = None) -> bool:
    """Whether the first six of ``digits`` fall in one of ``ranges`` (default: configured)."""
    return any(r.contains(digits) for r in (ranges or bin_ranges_configured()))
