"""BIN ranges: parsed from CARD_BIN_RANGES (the only source), refused saying why."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured
from pytest_django import Settings

from partnership.offers.apps import bin_ranges_check_at_start
from partnership.offers.bin_ranges import (
    DEFAULT_BIN_RANGES,
    BinRange,
    BinRangeError,
    bin_in_ranges,
    bin_ranges_configured,
    bin_ranges_parse,
)


def test_the_setting_defaults_to_the_demo_ranges() -> None:
    assert bin_ranges_configured() == (BinRange(412345, 412399), BinRange(535500, 535500))
    assert bin_ranges_configured() == bin_ranges_parse(DEFAULT_BIN_RANGES)


def test_ranges_parse_from_text_and_sequences_alike() -> None:
    assert bin_ranges_parse(" 535500 , 412345-412399") == bin_ranges_parse(DEFAULT_BIN_RANGES)
    assert [str(r) for r in bin_ranges_parse(DEFAULT_BIN_RANGES)] == ["412345-412399", "535500"]


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("", "BIN range 1 must be six digits"),
        ("41234", "BIN range 1 must be six digits"),
        ("412345-41239", "BIN range 1 must be six digits"),
        ("412345,abcdef", "BIN range 2 must be six digits"),
        ("412399-412345", "BIN range 1 starts above where it ends"),
        ("012345", "BIN range 1 starts with 0"),
        ("412345-412399,412399", "BIN ranges 412345-412399 and 412399 overlap"),
        ((), "at least one BIN range is needed"),
    ],
)
def test_bad_ranges_are_refused_saying_why(spec: str | tuple[str, ...], message: str) -> None:
    with pytest.raises(BinRangeError) as refused:
        bin_ranges_parse(spec)

    assert str(refused.value).startswith(message)


def test_a_bin_is_looked_up_in_the_ranges() -> None:
    ranges = bin_ranges_parse(DEFAULT_BIN_RANGES)

    assert bin_in_ranges("4123456789", ranges=ranges) is True
    assert bin_in_ranges("535500", ranges=ranges) is True
    assert bin_in_ranges("412344", ranges=ranges) is False
    assert bin_in_ranges("41234", ranges=ranges) is False
    assert bin_in_ranges("４１２３４５", ranges=ranges) is False


def test_the_configured_ranges_follow_the_setting(settings: Settings) -> None:
    settings.CARD_BIN_RANGES = "601100-601101"

    assert bin_ranges_configured() == (BinRange(601100, 601101),)


def test_malformed_ranges_stop_start_up_with_a_clear_message(settings: Settings) -> None:
    settings.CARD_BIN_RANGES = "412345-41239"

    with pytest.raises(ImproperlyConfigured) as stopped:
        bin_ranges_check_at_start()

    assert str(stopped.value) == (
        "CARD_BIN_RANGES is malformed: BIN range 1 must be six digits, or two six-digit "
        "numbers joined by '-' (e.g. 412345-412399). See docs/offers.md."
    )
