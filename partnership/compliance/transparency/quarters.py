"""Calendar quarters as the transparency report names them: ``2026Q3`` (URL: ``2026q3``)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from partnership.core import clock

PATTERN = re.compile(r"(?P<year>20\d\d)[Qq](?P<number>[1-4])")


@dataclass(frozen=True)
class Quarter:
    year: int
    number: int

    @property
    def name(self) -> str:
        return f"{self.year}Q{self.number}"

    @property
    def slug(self) -> str:
        return self.name.lower()

    @property
    def starts_on(self) -> dt.date:
        return dt.date(self.year, 3 * self.number - 2, 1)

    @property
    def ends_on(self) -> dt.date:
        following = (
            dt.date(self.year + 1, 1, 1)
            if self.number == 4
            else dt.date(self.year, 3 * self.number + 1, 1)
        )
        return following - dt.timedelta(days=1)

    def window(self) -> tuple[dt.datetime, dt.datetime]:
        """From the first London midnight of the quarter to the first of the next."""
        start = dt.datetime.combine(self.starts_on, dt.time(), tzinfo=clock.LONDON)
        end = dt.datetime.combine(
            self.ends_on + dt.timedelta(days=1), dt.time(), tzinfo=clock.LONDON
        )
        return start, end

    def contains(self, day: dt.date) -> bool:
        return self.starts_on <= day <= self.ends_on


def quarter_parse(value: str) -> Quarter | None:
    """``2026Q3`` or ``2026q3`` → the quarter; anything else → None."""
    found = PATTERN.fullmatch(value or "")
    if found is None:
        return None
    return Quarter(int(found["year"]), int(found["number"]))
