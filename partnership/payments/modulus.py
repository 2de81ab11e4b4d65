"""UK sort code and account number checks the way Bacs does them (Vocalink's
"Validating account numbers" specification): the format, then the modulus checks
MOD10, MOD11 and DBLAL with exceptions 1 to 14 and the sort-code substitution table.

The 14 digits checked are the sort code then the account number, named by the spec
``u v w x y z a b c d e f g h``. A sort code in no range of the table cannot be
checked and is presumed valid, as the spec says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from partnership.payments.modulus_table import ModulusTable, WeightRow, table_current

A, B, C, G, H = 6, 7, 8, 12, 13
_SEPARATORS = re.compile(r"[\s-]")
# Exception 2: weights instead of the table's when a is not 0.
_EX2_G_NOT_9 = (0, 0, 1, 2, 5, 3, 6, 4, 8, 7, 10, 9, 3, 1)
_EX2_G_IS_9 = (0, 0, 0, 0, 0, 0, 0, 0, 8, 7, 10, 9, 3, 1)
_EX8_SORT_CODE = "090126"
_EX9_SORT_CODE = "309634"
# Pairs of rows of which one passing is enough (2 with 9, 10 with 11, 12 with 13).
_EITHER = {2, 9, 10, 11, 12, 13}


class BankDetailsError(ValueError):
    """The sort code or account number is not in a UK format; the message says how."""


@dataclass(frozen=True)
class BankDetails:
    sort_code: str  # 6 digits
    account_number: str  # 8 digits (6- and 7-digit numbers padded with zeros in front)


def sort_code_clean(text: str) -> str:
    digits = _SEPARATORS.sub("", text)
    if len(digits) != 6 or not digits.isascii() or not digits.isdigit():
        raise BankDetailsError("Enter the sort code as 6 digits, for example 40-47-84.")
    return digits


def account_number_clean(text: str) -> str:
    digits = _SEPARATORS.sub("", text)
    if not digits.isascii() or not digits.isdigit() or not 6 <= len(digits) <= 8:
        raise BankDetailsError("Enter the account number as 8 digits, for example 70872490.")
    # Vocalink: 6- and 7-digit account numbers are checked with zeros in front.
    return digits.rjust(8, "0")


def bank_details_clean(*, sort_code: str, account_number: str) -> BankDetails:
    return BankDetails(sort_code_clean(sort_code), account_number_clean(account_number))


def _total(digits: str, row: WeightRow, weights: tuple[int, ...]) -> int:
    products = [int(digit) * weight for digit, weight in zip(digits, weights, strict=True)]
    if row.method == "DBLAL":
        # The digits of each product are added, not the products (16 counts as 1 + 6).
        return sum(sum(int(d) for d in str(abs(p))) for p in products)
    return sum(products)


def _weights(row: WeightRow, digits: str) -> tuple[int, ...]:
    weights = row.weights
    if row.exception == 2 and digits[A] != "0":
        return _EX2_G_IS_9 if digits[G] == "9" else _EX2_G_NOT_9
    zeroise = (row.exception == 7 and digits[G] == "9") or (
        row.exception == 10 and digits[A : B + 1] in ("09", "99") and digits[G] == "9"
    )
    if zeroise:  # weights u to b become zero
        return (0,) * (B + 1) + weights[B + 1 :]
    return weights


def _sort_code_for(row: WeightRow, sort_code: str, table: ModulusTable) -> str:
    if row.exception == 5:
        return table.substitutions.get(sort_code, sort_code)
    if row.exception == 8:
        return _EX8_SORT_CODE
    if row.exception == 9:
        return _EX9_SORT_CODE
    return sort_code


def _exception_5(row: WeightRow, digits: str, remainder: int) -> bool:
    if row.method == "DBLAL":
        if remainder == 0:
            return digits[H] == "0"
        return 10 - remainder == int(digits[H])
    if remainder == 1:
        return False
    if remainder == 0:
        return digits[G] == "0"
    return 11 - remainder == int(digits[G])


def row_passes(row: WeightRow, sort_code: str, account: str, table: ModulusTable) -> bool:
    """One row's check (one of the spec's "first" or "second" checks)."""
    digits = _sort_code_for(row, sort_code, table) + account
    total = _total(digits, row, _weights(row, digits))
    if row.exception == 1:
        total += 27
    remainder = total % (10 if row.method in ("MOD10", "DBLAL") else 11)
    if row.exception == 5:
        return _exception_5(row, digits, remainder)
    if row.exception == 4:
        return remainder == int(digits[G : H + 1])
    if remainder == 0:
        return True
    if row.exception == 14 and account[-1] in "019":
        # Exception 14: h is dropped and a zero put in front of the account number.
        return row_passes(_without(row, 14), sort_code, "0" + account[:-1], table)
    return False


def _without(row: WeightRow, exception: int) -> WeightRow:
    assert row.exception == exception
    return WeightRow(row.start, row.end, row.method, row.weights, None)


def _skipped(row: WeightRow, digits: str) -> bool:
    if row.exception == 3:  # the second check is not needed when c is 6 or 9
        return digits[C] in "69"
    if row.exception == 6:  # a foreign currency account: it cannot be checked
        return digits[A] in "45678" and digits[G] == digits[H]
    return False


def modulus_passes(details: BankDetails, table: ModulusTable | None = None) -> bool:
    """Whether the account number passes its sort code's modulus checks."""
    table = table or table_current()
    rows = table.rows_for(details.sort_code)
    digits = details.sort_code + details.account_number
    results = [
        _skipped(row, digits) or row_passes(row, details.sort_code, details.account_number, table)
        for row in rows
    ]
    if not results:
        return True
    if len(rows) == 2 and rows[0].exception in _EITHER:
        return any(results)
    return all(results)
