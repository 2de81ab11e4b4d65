"""The marketing export as CSV, with spreadsheet formulas neutralised.

A cell starting with = + - @, a tab or a carriage return is prefixed with ``'`` so a
spreadsheet shows it as text instead of running it (a name like ``=HYPERLINK(...)``).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class _Line:
    """A file-like object whose write returns the line, for streaming csv.writer."""

    def write(self, value: str) -> str:
        return value


def csv_cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def export_csv_lines(rows: Iterable[Iterable[object]]) -> Iterator[str]:
    writer = csv.writer(_Line(), lineterminator="\r\n")
    for row in rows:
        yield writer.writerow([csv_cell(cell) for cell in row])
