"""The Vocalink specification's worked examples, each exception, and the formats."""

from __future__ import annotations

import pytest

from partnership.payments.modulus import (
    BankDetails,
    BankDetailsError,
    bank_details_clean,
    modulus_passes,
    row_passes,
)
from partnership.payments.modulus_table import ModulusTable, WeightRow, shipped_table

TABLE = shipped_table()

# (sort code, account number, valid, what the spec's example shows)
WORKED_EXAMPLES = [
    ("089999", "66374958", True, "MOD10 and MOD11 both pass"),
    ("107999", "88837491", True, "MOD11 and MOD11 both pass"),
    ("202959", "63748472", True, "MOD11 and DBLAL both pass"),
    ("871427", "46238510", True, "exceptions 10 and 11: the first passes, the second fails"),
    ("872427", "46238510", True, "exceptions 10 and 11: the first fails, the second passes"),
    ("871427", "09123496", True, "exception 10: ab is 09 and g is 9"),
    ("871427", "99123496", True, "exception 10: ab is 99 and g is 9"),
    ("820000", "73688637", True, "exception 3: c is 6 or 9, so no second check"),
    ("827999", "73988638", True, "exception 3: c is not 6 or 9, both checks pass"),
    ("827101", "28748352", True, "exception 4: the remainder equals the check digits gh"),
    ("134020", "63849203", True, "exception 1 sort code range: DBLAL passes"),
    ("118765", "64371389", True, "exception 1: 27 added to the total, DBLAL passes"),
    ("200915", "41011166", True, "exception 6: a foreign currency account"),
    ("938611", "07806039", True, "exception 5: both checks pass"),
    ("938600", "42368003", True, "exception 5: passes with the substituted sort code"),
    ("938063", "55065200", True, "exception 5: both remainders 0 with g and h 0"),
    ("772798", "99345694", True, "exception 7: g is 9, weights u to b zeroised"),
    ("086090", "06774744", True, "exception 8: sort code 090126 used"),
    ("309070", "02355688", True, "exceptions 2 and 9: the first check passes"),
    ("309070", "12345668", True, "exceptions 2 and 9: the first fails, 309634 passes"),
    ("309070", "12345677", True, "exception 2: a is not 0 and g is not 9"),
    ("309070", "99345694", True, "exception 2: a is not 0 and g is 9"),
    ("938063", "15764273", False, "exception 5: the first check passes, the second fails"),
    ("938063", "15764264", False, "exception 5: the first check fails, the second passes"),
    ("938063", "15763217", False, "exception 5: the first check's remainder is 1"),
    ("118765", "64371388", False, "exception 1: DBLAL fails"),
    ("203099", "66831036", False, "MOD11 and DBLAL: the first passes, the second fails"),
    ("203099", "58716970", False, "MOD11 and DBLAL: the first fails, the second passes"),
    ("089999", "66374959", False, "MOD10 and MOD11: the first check fails"),
    ("107999", "88837493", False, "MOD11 and MOD11: the first passes, the second fails"),
    ("074456", "12345112", True, "exceptions 12 and 13: MOD11 passes"),
    ("070116", "34012583", True, "exceptions 12 and 13: MOD11 fails, MOD10 passes"),
    ("074456", "11104102", True, "exception 14: fails, then passes with h dropped"),
    ("180002", "00000190", True, "exception 14: the first check passes"),
]


@pytest.mark.parametrize(("sort_code", "account", "valid", "why"), WORKED_EXAMPLES)
def test_the_specifications_worked_examples(
    sort_code: str, account: str, valid: bool, why: str
) -> None:
    assert modulus_passes(BankDetails(sort_code, account), TABLE) is valid, why


def _row(method: str, weights: list[int], exception: int | None = None) -> WeightRow:
    return WeightRow("000000", "999999", method, tuple(weights), exception)


def _one_row_table(*rows: WeightRow, subs: dict[str, str] | None = None) -> ModulusTable:
    import datetime as dt

    return ModulusTable(rows, subs or {}, "test", dt.date(2026, 1, 1))


ALT = [2, 1] * 7


def test_the_three_methods_on_their_own() -> None:
    table = _one_row_table()
    assert row_passes(_row("DBLAL", ALT), "499273", "12345678", table) is True
    assert row_passes(_row("DBLAL", ALT), "499273", "12345679", table) is False
    mod10 = [0, 0, 0, 0, 0, 0, 7, 1, 3, 7, 1, 3, 7, 1]
    assert row_passes(_row("MOD10", mod10), "080211", "11111111", table) is True
    assert row_passes(_row("MOD10", mod10), "080211", "11111112", table) is False
    mod11 = [0, 0, 0, 0, 0, 0, 7, 5, 8, 3, 4, 6, 2, 1]
    assert row_passes(_row("MOD11", mod11), "000000", "58177632", table) is True
    assert row_passes(_row("MOD11", mod11), "000000", "58177633", table) is False


def test_exception_1_adds_27() -> None:
    table = _one_row_table()
    assert row_passes(_row("DBLAL", ALT, 1), "499273", "12345678", table) is False
    assert row_passes(_row("DBLAL", ALT, 1), "499273", "12345671", table) is True


def test_exception_4_compares_the_remainder_with_gh() -> None:
    weights = [0] * 12 + [1, 1]
    table = _one_row_table()
    assert row_passes(_row("MOD11", weights, 4), "000000", "00000009", table) is True
    assert row_passes(_row("MOD11", weights, 4), "000000", "00000011", table) is False


def test_exception_3_and_6_skip_a_check() -> None:
    failing = _row("MOD10", [0] * 13 + [1], 3)
    table = _one_row_table(_row("MOD10", [0] * 14), failing)
    assert modulus_passes(BankDetails("000000", "00600001"), table) is True
    assert modulus_passes(BankDetails("000000", "00500001"), table) is False
    foreign = _one_row_table(_row("MOD10", [0] * 13 + [1], 6))
    assert modulus_passes(BankDetails("000000", "40000011"), foreign) is True
    assert modulus_passes(BankDetails("000000", "30000011"), foreign) is False


def test_exception_5_uses_the_substitution_table() -> None:
    assert TABLE.substitutions["938600"] == "938611"
    details = BankDetails("938600", "42368003")
    assert modulus_passes(details, TABLE) is True
    without = ModulusTable(TABLE.rows, {}, "test", TABLE.published_on)
    assert modulus_passes(details, without) is False


def test_a_sort_code_outside_every_range_cannot_be_checked() -> None:
    assert TABLE.rows_for("999999") == []
    assert modulus_passes(BankDetails("999999", "12345678"), TABLE) is True


@pytest.mark.parametrize(
    ("sort_code", "account", "expected"),
    [
        ("40-47-84", "70872490", BankDetails("404784", "70872490")),
        ("40 47 84", "7087 2490", BankDetails("404784", "70872490")),
        ("404784", "872490", BankDetails("404784", "00872490")),
        ("404784", "1234567", BankDetails("404784", "01234567")),
    ],
)
def test_formats_accepted(sort_code: str, account: str, expected: BankDetails) -> None:
    assert bank_details_clean(sort_code=sort_code, account_number=account) == expected


@pytest.mark.parametrize(
    ("sort_code", "account", "message"),
    [
        ("40478", "70872490", "Enter the sort code as 6 digits, for example 40-47-84."),
        ("40-47-8A", "70872490", "Enter the sort code as 6 digits, for example 40-47-84."),
        ("٤٠٤٧٨٤", "70872490", "Enter the sort code as 6 digits, for example 40-47-84."),
        ("404784", "12345", "Enter the account number as 8 digits, for example 70872490."),
        ("404784", "123456789", "Enter the account number as 8 digits, for example 70872490."),
        ("404784", "1234567x", "Enter the account number as 8 digits, for example 70872490."),
    ],
)
def test_formats_refused(sort_code: str, account: str, message: str) -> None:
    with pytest.raises(BankDetailsError) as refused:
        bank_details_clean(sort_code=sort_code, account_number=account)
    assert str(refused.value) == message
