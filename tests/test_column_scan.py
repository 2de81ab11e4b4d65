"""The plain-column detectors find personal data, and not the site's own identifiers.

The identifiers below are shapes the site writes to plain columns: each was once read as a
phone number or postcode by chance (about 1 in 750 agency references, 1 in 15,000 payment
references and complaint keys), which made ``privacy_audit`` fail at random.
"""

from __future__ import annotations

import pytest

from partnership.privacy.column_scan import PERSONAL_DATA_DETECTORS


def found(text: str) -> set[str]:
    return {kind for kind, detect in PERSONAL_DATA_DETECTORS.items() if detect(text)}


@pytest.mark.parametrize(
    "identifier",
    [
        "SBX-0123456789AB",  # agency reference: a 0 and nine digits inside hex
        "SBQ-A07700900123",
        "sbx_demo_Y_tQmNegP-G0W6SU",  # payment reference: "G0W6SU" after a hyphen
        "sbx_EJmP0YjdyQB2cin7UU-E75TP",
        "tRubzVmNq8Lk0pWw3Ys9Tg4Hfx5Qz-AB12DE",  # complaint key: "AB12DE" after a hyphen
        "i1.948cee94d5bd4b7e10c6d9a65a996cdfabb0f866daf5a387812663929d6815d9",
    ],
)
def test_the_sites_identifiers_are_not_personal_data(identifier: str) -> None:
    assert found(identifier) == set()


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("call me on 07700 900123 please", {"phone"}),
        ("+44 7700 900123", {"phone"}),
        ("ref SBX-12AB then 07700900123", {"phone"}),
        ("10 Downing Street, London SW1A 2AA", {"postcode"}),
        ("moved to EC1A 1BB last year", {"postcode"}),
        ("card 4111 1111 1111 1111", {"card number"}),
        ("someone@example.org", {"e-mail"}),
    ],
)
def test_personal_data_in_free_text_is_found(text: str, kinds: set[str]) -> None:
    assert found(text) == kinds
