"""Demo data for local mode. Apps register seeders; ``manage.py seed_demo`` runs them.

Every seeder must be idempotent: ``make run`` calls ``seed_demo`` on every start.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Seeder:
    name: str
    seed: Callable[[], list[str]]  # returns lines worth printing (e.g. demo logins)


_SEEDERS: dict[str, Seeder] = {}


def register(seeder: Seeder) -> None:
    _SEEDERS[seeder.name] = seeder


def registered() -> list[Seeder]:
    # Apps register in INSTALLED_APPS order, which is the order dependencies need.
    return list(_SEEDERS.values())
