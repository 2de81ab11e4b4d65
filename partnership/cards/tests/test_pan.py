from __future__ import annotations

import random

import pytest
from pytest_django import Settings

from partnership.cards.pan import luhn_check_digit, luhn_valid, pan_generate, pan_mask
from partnership.offers.bin_ranges import DEFAULT_BIN_RANGES, bin_ranges_parse


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


def test_the_masked_number_shows_the_last_four_only() -> None:
    assert pan_mask(last4="1234") == "•••• •••• •••• 1234"
    assert pan_mask(last4="1234", mask="*") == "**** **** **** 1234"
