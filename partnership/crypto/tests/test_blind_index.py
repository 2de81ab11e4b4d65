from __future__ import annotations

import datetime as dt
import hashlib
import hmac

import pytest
from pytest_django import Settings

from partnership.crypto.blind_index import (
    blind_index,
    composite_blind_index,
    normalise_email,
    normalise_postcode,
    normalise_text,
    postcode_birth_date_index,
)
from partnership.crypto.tests.support import b64_key

INDEX_KEY = bytes([0xB1]) * 32  # what conftest puts in BLIND_INDEX_KEY


def test_the_index_is_hex_hmac_sha256_of_purpose_nul_and_normalised_value() -> None:
    expected = hmac.new(INDEX_KEY, b"customer.email\x00ada@example.com", hashlib.sha256)

    assert (
        blind_index(" Ada@Example.COM ", purpose="customer.email", normalise=normalise_email)
        == expected.hexdigest()
    )


def test_the_index_is_deterministic() -> None:
    assert blind_index("Ada", purpose="p") == blind_index("Ada", purpose="p")
    assert len(blind_index("Ada", purpose="p")) == 64


def test_equivalent_spellings_give_the_same_index() -> None:
    assert blind_index("ADA@example.com", purpose="e", normalise=normalise_email) == blind_index(
        "ada@EXAMPLE.com\n", purpose="e", normalise=normalise_email
    )
    assert blind_index("Straße  Nord", purpose="t") == blind_index("STRASSE nord", purpose="t")


def test_different_values_give_different_indexes() -> None:
    assert blind_index("ada@example.com", purpose="e") != blind_index(
        "bob@example.com", purpose="e"
    )


def test_purposes_are_separated() -> None:
    assert blind_index("ada@example.com", purpose="customer.email") != blind_index(
        "ada@example.com", purpose="complaint.email"
    )


def test_a_different_key_gives_a_different_index(settings: Settings) -> None:
    before = blind_index("ada@example.com", purpose="e")

    settings.BLIND_INDEX_KEY = b64_key(0xB2)

    assert blind_index("ada@example.com", purpose="e") != before


def test_the_purpose_must_be_a_name_without_nul() -> None:
    for purpose in ("", "a\x00b"):
        with pytest.raises(ValueError, match="purpose") as raised:
            blind_index("x", purpose=purpose)
        assert str(raised.value) == "a blind index purpose must be a non-empty name without NUL"


@pytest.mark.parametrize(
    ("raw", "normalised"),
    [
        ("  Ada.Lovelace@Example.COM ", "ada.lovelace@example.com"),
        ("ＡＤＡ@example.com", "ada@example.com"),  # full-width letters (NFKC)
        ("STRASSE@example.com", "strasse@example.com"),
    ],
)
def test_normalise_email(raw: str, normalised: str) -> None:
    assert normalise_email(raw) == normalised


@pytest.mark.parametrize(
    ("raw", "normalised"),
    [
        ("sw1a1aa", "SW1A 1AA"),
        (" SW1A   1AA ", "SW1A 1AA"),
        ("m1 1ae", "M1 1AE"),
        ("b33\t8th", "B33 8TH"),
        ("cr2 6xh", "CR2 6XH"),
        ("dn55 1pt", "DN55 1PT"),
        ("w1a 0ax", "W1A 0AX"),
        ("ec1a 1bb", "EC1A 1BB"),
        ("gir 0aa", "GIR 0AA"),
    ],
)
def test_normalise_postcode(raw: str, normalised: str) -> None:
    assert normalise_postcode(raw) == normalised


@pytest.mark.parametrize("raw", ["", "12345", "SW1A", "SW1A 1A", "ABC 1AA", "SW1A 1AAA"])
def test_normalise_postcode_refuses_non_postcodes(raw: str) -> None:
    with pytest.raises(ValueError, match="postcode") as raised:
        normalise_postcode(raw)

    assert str(raised.value) == "not a UK postcode"


def test_normalise_text() -> None:
    assert normalise_text("  Ｍｒ\u00a0 JOHN\t\nSmith ") == "mr john smith"


def test_composite_indexes_are_unambiguous_and_ordered() -> None:
    assert composite_blind_index(["ab", "c"], purpose="p") != composite_blind_index(
        ["a", "bc"], purpose="p"
    )
    assert composite_blind_index(["a", "b"], purpose="p") != composite_blind_index(
        ["b", "a"], purpose="p"
    )
    assert composite_blind_index(["a"], purpose="p") != blind_index("a", purpose="p")


def test_a_composite_index_needs_a_part() -> None:
    with pytest.raises(ValueError, match="part") as raised:
        composite_blind_index([], purpose="p")

    assert str(raised.value) == "a composite blind index needs at least one part"


def test_postcode_and_birth_date_index() -> None:
    expected = hmac.new(
        INDEX_KEY,
        b"applicant\x00" + b"\x00\x00\x00\x08SW1A 1AA" + b"\x00\x00\x00\x0a1990-05-17",
        hashlib.sha256,
    ).hexdigest()

    index = postcode_birth_date_index("sw1a1aa", dt.date(1990, 5, 17), purpose="applicant")

    assert index == expected
    assert index == postcode_birth_date_index(
        " SW1A 1AA", dt.date(1990, 5, 17), purpose="applicant"
    )
    assert index != postcode_birth_date_index("SW1A 1AA", dt.date(1990, 5, 18), purpose="applicant")


def test_postcode_and_birth_date_index_refuses_a_datetime() -> None:
    with pytest.raises(TypeError):
        postcode_birth_date_index("SW1A 1AA", dt.datetime(1990, 5, 17), purpose="applicant")
