from __future__ import annotations

from dataclasses import dataclass

import pytest

from partnership.core.registry import Registry, RegistryError


@dataclass(frozen=True)
class Item:
    name: str
    size: int = 1


class ItemError(ValueError):
    pass


def registry() -> Registry[Item]:
    return Registry("item", name=lambda item: item.name, error=ItemError)


def test_entries_keep_their_registration_order_and_are_found_by_name() -> None:
    items = registry()
    with items.isolated():
        items.register(Item("b"))
        items.register(Item("a", size=2))

        assert items.all() == [Item("b"), Item("a", size=2)]
        assert items.get("a") == Item("a", size=2)
        assert items["b"] == Item("b")
        assert items.get("c") is None
        assert "a" in items
        assert "c" not in items


def test_a_name_registered_twice_is_refused_even_when_equal() -> None:
    items = registry()
    with items.isolated():
        items.register(Item("a"))

        with pytest.raises(ItemError, match="item 'a' is registered twice"):
            items.register(Item("a"))
        with pytest.raises(ItemError, match="item 'a' is registered twice"):
            items.register(Item("a", size=3))
        assert items.all() == [Item("a")]


def test_registering_after_start_up_is_refused_and_leaves_nothing() -> None:
    items = registry()

    with pytest.raises(ItemError, match="item 'late' registered after start-up"):
        items.register(Item("late"))
    assert items.all() == []


def test_isolated_restores_exactly_what_was_there() -> None:
    items = registry()
    with items.isolated():
        items.register(Item("a"))
        items.register(Item("b"))

    assert items.all() == []
    with items.isolated():
        items.register(Item("a"))
        with items.isolated(keep={"a"}):
            items.register(Item("c"))
            assert items.all() == [Item("a"), Item("c")]
        with items.isolated(keep=()):
            assert items.all() == []
        assert items.all() == [Item("a")]


def test_the_default_error_is_a_registry_error() -> None:
    items: Registry[Item] = Registry("item", name=lambda item: item.name)

    with pytest.raises(RegistryError, match="registered after start-up"):
        items.register(Item("x"))
