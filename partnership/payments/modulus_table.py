"""Vocalink's modulus weight table and sort-code substitution table: parsing and the
one table in force.

The shipped copy is ``payments/data/valacdos.txt`` and ``scsubtab.txt`` (its version
and date in ``payments/data/TABLE_VERSION``). An operator replaces it with
``modulus_table_load``, which stores the new text in ``ModulusTableVersion``; the
newest stored version wins over the shipped files. Every file is checked line by line
before anything is stored (docs/payments.md).
"""

from __future__ import annotations

import bisect
import datetime as dt
import threading
from dataclasses import dataclass, field
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
METHODS = ("MOD10", "MOD11", "DBLAL")
WEIGHT_COUNT = 14
EXCEPTIONS = range(1, 15)


class ModulusTableError(ValueError):
    """A table file that is not in Vocalink's format; the message names the line."""


@dataclass(frozen=True)
class WeightRow:
    start: str
    end: str
    method: str
    weights: tuple[int, ...]
    exception: int | None


@dataclass(frozen=True)
class ModulusTable:
    rows: tuple[WeightRow, ...]
    substitutions: dict[str, str]
    version: str
    published_on: dt.date
    _starts: tuple[str, ...] = field(default=(), repr=False, compare=False)

    def rows_for(self, sort_code: str) -> list[WeightRow]:
        """The rows whose range holds the sort code, in file order (first check first)."""
        starts = self._starts or tuple(row.start for row in self.rows)
        upto = bisect.bisect_right(starts, sort_code)
        return [row for row in self.rows[:upto] if row.start <= sort_code <= row.end][-2:]


def _sort_code(text: str, number: int, what: str) -> str:
    if len(text) != 6 or not text.isdigit():
        raise ModulusTableError(f"line {number}: the {what} is not a 6-digit sort code")
    return text


def _weight(text: str, number: int) -> int:
    try:
        return int(text)
    except ValueError:
        raise ModulusTableError(f"line {number}: a weight is not a whole number") from None


def parse_weights(text: str) -> tuple[WeightRow, ...]:
    rows: list[WeightRow] = []
    for number, line in enumerate(text.splitlines(), start=1):
        parts = line.split()
        if not parts:
            continue
        if len(parts) not in (3 + WEIGHT_COUNT, 4 + WEIGHT_COUNT):
            raise ModulusTableError(f"line {number}: expected 17 or 18 columns")
        start = _sort_code(parts[0], number, "range start")
        end = _sort_code(parts[1], number, "range end")
        if end < start:
            raise ModulusTableError(f"line {number}: the range ends before it starts")
        if parts[2] not in METHODS:
            raise ModulusTableError(f"line {number}: the method is not MOD10, MOD11 or DBLAL")
        weights = tuple(_weight(part, number) for part in parts[3 : 3 + WEIGHT_COUNT])
        exception = None
        if len(parts) == 4 + WEIGHT_COUNT:
            exception = _weight(parts[-1], number)
            if exception not in EXCEPTIONS:
                raise ModulusTableError(f"line {number}: the exception is not 1 to 14")
        if rows and start < rows[-1].start:
            raise ModulusTableError(f"line {number}: the ranges are not in sort-code order")
        rows.append(WeightRow(start, end, parts[2], weights, exception))
    if not rows:
        raise ModulusTableError("the weight table has no rows")
    return tuple(rows)


def parse_substitutions(text: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        parts = line.split()
        if not parts:
            continue
        if len(parts) != 2:
            raise ModulusTableError(f"line {number}: expected two sort codes")
        original = _sort_code(parts[0], number, "original sort code")
        found[original] = _sort_code(parts[1], number, "substitute sort code")
    return found


def table_build(
    *, weights: str, substitutions: str, version: str, published_on: dt.date
) -> ModulusTable:
    rows = parse_weights(weights)
    return ModulusTable(
        rows=rows,
        substitutions=parse_substitutions(substitutions),
        version=version,
        published_on=published_on,
        _starts=tuple(row.start for row in rows),
    )


def shipped_version() -> tuple[str, dt.date]:
    """The version and date recorded beside the shipped files."""
    values = dict(
        line.split("=", 1)
        for line in (DATA_DIR / "TABLE_VERSION").read_text(encoding="utf-8").splitlines()
        if "=" in line and not line.startswith("#")
    )
    return values["version"].strip(), dt.date.fromisoformat(values["date"].strip())


def shipped_table() -> ModulusTable:
    version, published_on = shipped_version()
    return table_build(
        weights=(DATA_DIR / "valacdos.txt").read_text(encoding="ascii"),
        substitutions=(DATA_DIR / "scsubtab.txt").read_text(encoding="ascii"),
        version=version,
        published_on=published_on,
    )


def table_source_current() -> tuple[str, str]:
    """The text of the weight and substitution tables in force."""
    from partnership.payments.models import ModulusTableVersion

    latest = ModulusTableVersion.objects.order_by("-loaded_at", "-pk").first()
    if latest is None:
        return (
            (DATA_DIR / "valacdos.txt").read_text(encoding="ascii"),
            (DATA_DIR / "scsubtab.txt").read_text(encoding="ascii"),
        )
    return latest.weights, latest.substitutions


_lock = threading.Lock()
_cache: dict[object, ModulusTable] = {}


def table_current() -> ModulusTable:
    """The newest table an operator loaded, else the shipped one (parsed once each)."""
    from partnership.payments.models import ModulusTableVersion

    latest = ModulusTableVersion.objects.order_by("-loaded_at", "-pk").only("pk").first()
    key: object = "shipped" if latest is None else latest.pk
    with _lock:
        if key not in _cache:
            if latest is None:
                _cache[key] = shipped_table()
            else:
                stored = ModulusTableVersion.objects.get(pk=latest.pk)
                _cache[key] = table_build(
                    weights=stored.weights,
                    substitutions=stored.substitutions,
                    version=stored.version,
                    published_on=stored.published_on,
                )
        return _cache[key]
