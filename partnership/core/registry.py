"""One typed registry for everything apps declare to each other.

An app that others extend (periodic jobs, demo seeders, the data inventory, the
retention rules, re-indexes, home panels, the cookie registry, the self-audit checks)
holds one ``Registry[T]`` and lets the apps to its right fill it from their
``AppConfig.ready()``. So the owner never imports them, and every registry behaves
the same way:

- entries are kept in registration order (which follows ``INSTALLED_APPS``);
- a name registered twice is refused at start-up;
- once Django's app registry is ready, registering is refused: what the site declares
  is fixed for the life of the process. Tests change it only inside ``isolated()``,
  which puts everything back afterwards.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from typing import Generic, TypeVar

from django.apps import apps

T = TypeVar("T")


class RegistryError(ValueError):
    """A registration broke the registry's rules (a duplicate, or too late)."""


class Registry(Generic[T]):
    def __init__(
        self,
        what: str,
        *,
        name: Callable[[T], str],
        error: Callable[[str], Exception] = RegistryError,
    ) -> None:
        self.what = what
        self._name = name
        self._error = error
        self._entries: dict[str, T] = {}
        self._open_for_tests = 0

    def register(self, entry: T) -> T:
        """Add an entry; returns it, so the call can stand where the entry is defined."""
        key = self._name(entry)
        if key in self._entries:
            raise self._error(f"{self.what} {key!r} is registered twice")
        if apps.ready and not self._open_for_tests:
            raise self._error(f"{self.what} {key!r} registered after start-up")
        self._entries[key] = entry
        return entry

    def get(self, key: str) -> T | None:
        return self._entries.get(key)

    def __getitem__(self, key: str) -> T:
        return self._entries[key]

    def __contains__(self, key: object) -> bool:
        return key in self._entries

    def all(self) -> list[T]:
        """Every entry, in registration order."""
        return list(self._entries.values())

    @contextmanager
    def isolated(self, *, keep: Collection[str] | None = None) -> Iterator[None]:
        """Test-only: open the registry for a block (with only ``keep``, if given),
        then restore exactly what was there."""
        saved = dict(self._entries)
        if keep is not None:
            self._entries = {key: entry for key, entry in saved.items() if key in keep}
        self._open_for_tests += 1
        try:
            yield
        finally:
            self._open_for_tests -= 1
            self._entries = saved
