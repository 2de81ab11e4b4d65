import pytest
from django.core.exceptions import ValidationError

from partnership.alerts.phone import uk_mobile_display, uk_mobile_normalise, uk_mobile_or_none


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("07700 900123", "+447700900123"),
        ("07700900123", "+447700900123"),
        ("+44 7700 900123", "+447700900123"),
        ("+44 (0)7700 900123", "+447700900123"),
        ("0044 7700-900-123", "+447700900123"),
        ("07624 123456", "+447624123456"),
    ],
)
def test_uk_mobiles_are_kept_in_e164(typed: str, stored: str) -> None:
    assert uk_mobile_normalise(typed) == stored


@pytest.mark.parametrize(
    "typed",
    [
        "020 7946 0123",  # a London landline
        "0770090012",  # one digit short
        "077009001234",  # one digit long
        "07000 123456",  # a personal number, not a mobile
        "07600 123456",  # a pager
        "+33 6 12 34 56 78",  # a French mobile
        "seven seven",
        "",
    ],
)
def test_anything_else_is_refused(typed: str) -> None:
    with pytest.raises(ValidationError) as refused:
        uk_mobile_normalise(typed)
    assert refused.value.code == "not_mobile"
    assert uk_mobile_or_none(typed) is None


def test_a_number_is_shown_as_the_customer_writes_it() -> None:
    assert uk_mobile_display("+447700900123") == "07700 900123"
