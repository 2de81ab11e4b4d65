"""Demo data for local mode. Apps register seeders; ``manage.py seed_demo`` runs them.

Every seeder must be idempotent: ``make run`` calls ``seed_demo`` on every start.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from partnership.core.registry import Registry


@dataclass(frozen=True)
class Seeder:
    name: str
    seed: Callable[[], list[str]]  # returns lines worth printing (e.g. demo logins)


SEEDERS: Registry[Seeder] = Registry("demo seeder", name=lambda seeder: seeder.name)
register = SEEDERS.register


def registered() -> list[Seeder]:
    # Apps register in INSTALLED_APPS order, which is the order dependencies need.
    return SEEDERS.all()
