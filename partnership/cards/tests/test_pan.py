from __future__ import annotations

import random

import pytest
from pytest_django import Settings

from partnership.cards.bin_ranges import (
    DEFAULT_BIN_RANGES,
    BinRange,
    BinRangeError,
    bin_in_ranges,
    bin_ranges_configured,
    bin_ranges_parse,
)
from partnership.cards.pan import luhn_check_digit, luhn_valid, pan_generate, pan_mask


@pytest.mark.parametrize(
    "number", ["4111111111111111", "5555555555554444", "79927398713", "4000056655665556"]
)
def test_known_card_numbers_pass_the_luhn_check(number: str) -> None:
    assert luhn_valid(number) is True


@pytest.mark.parametrize(
    "number", ["4111111111111112", "79927398710", "", "1", "4111 1111", "４１"]
)
def test_wrong_or_malformed_numbers_fail_the_luhn_check(number: str) -> None:
    assert luhn_valid(number) is False


def test_the_check_digit_completes_a_number() -> None:
    assert luhn_check_digit("7992739871") == "3"
    assert luhn_check_digit("411111111111111") == "1"


def test_generated_numbers_are_luhn_valid_16_digits_inside_the_default_ranges() -> None:
    rng = random.Random(2026)
    ranges = bin_ranges_parse(DEFAULT_BIN_RANGES)
    numbers = [pan_generate(ranges=ranges, rng=rng) for _ in range(2000)]

    assert all(len(n) == 16 and n.isdigit() and luhn_valid(n) for n in numbers)
    assert all(412345 <= int(n[:6]) <= 412399 or n[:6] == "535500" for n in numbers)
    assert {n[:6] for n in numbers} >= {"412345", "412399", "535500"}


def test_generation_uses_the_configured_ranges(settings: Settings) -> None:
    settings.CARD_BIN_RANGES = "601100-601101"

    numbers = {pan_generate(rng=random.Random(seed))[:6] for seed in range(50)}

    assert numbers == {"601100", "601101"}


def test_without_the_setting_the_demo_ranges_apply(settings: Settings) -> None:
    if hasattr(settings, "CARD_BIN_RANGES"):
        del settings.CARD_BIN_RANGES

    assert bin_ranges_configured() == (BinRange(412345, 412399), BinRange(535500, 535500))


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


def test_the_masked_number_shows_the_bin_and_last_four_only() -> None:
    assert pan_mask(first6="412345", last4="1234") == "4123 45•• •••• 1234"
    assert pan_mask(first6="412345", last4="1234", mask="*") == "4123 45** **** 1234"
