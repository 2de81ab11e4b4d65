"""The home and card pages sell honestly: the representative example beside every
claim that needs one (FCA CONC 3.5), a way to check eligibility and to apply, and the
Summary Box in the industry's order."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from partnership.public.views import SITEMAP_PATHS

pytestmark = pytest.mark.django_db

REPRESENTATIVE_EXAMPLE = (
    "Representative example: assumed credit limit £1,200, purchase rate 24.9% a year "
    "(variable), <strong>24.9% APR representative (variable)</strong>."
)
# Words that make an advert need the representative example (an incentive to borrow,
# an interest rate or an interest-free period).
TRIGGERS = re.compile(r"interest-free|interest free|\b0%|% a year|a month \(", re.IGNORECASE)
SUMMARY_BOX_ROWS = [
    "APR",
    "Interest rates",
    "Interest-free period",
    "Interest charging information",
    "Allocation of payments",
    "Minimum repayment",
    "Amount of credit",
    "Fees",
    "Default charges",
]


def _main(body: str) -> str:
    return body[body.index('<main id="main"') : body.index("</main>")]


@pytest.mark.parametrize("path", SITEMAP_PATHS)
def test_every_public_page_that_makes_a_claim_shows_the_representative_example(
    client: Client, path: str
) -> None:
    main = _main(client.get(path).content.decode())

    if TRIGGERS.search(main):
        assert REPRESENTATIVE_EXAMPLE in main, f"{path} makes a claim without the example"


def test_home_page_puts_the_example_right_beside_the_interest_free_claim(client: Client) -> None:
    main = _main(client.get("/").content.decode())

    claim = main.index("Up to 56 days interest-free")
    example = main.index(REPRESENTATIVE_EXAMPLE)
    between = main[claim:example]
    assert 0 < example - claim < 400
    assert "<h2" not in between  # the same section, nothing else in the way


def test_home_page_is_not_headed_by_the_site_name_and_has_one_primary_action(
    client: Client,
) -> None:
    main = _main(client.get("/").content.decode())

    assert "<h1>Points on everyday spending, with no annual fee</h1>" in main
    assert main.count('class="button button-large"') == 1
    assert main.count('class="button"') == 0
    assert '<a class="button button-large" href="/apply/check-eligibility/">Check if you' in main
    assert '<a class="button secondary" href="/apply/">Apply now</a>' in main
    assert 'alt="The Harbourline Partnership Card: a deep blue card' in main
    assert "18 or over, live in the UK permanently and are not bankrupt" in main


def test_card_page_has_the_eligibility_section_the_home_page_links_to(client: Client) -> None:
    main = _main(client.get("/card/").content.decode())

    assert '<h2 id="eligibility">Check if you\'re eligible</h2>' in main
    assert main.count('<a class="button" href="/apply/">Apply for the card</a>') == 1


def test_summary_box_rows_are_in_the_standard_order(client: Client) -> None:
    main = _main(client.get("/card/").content.decode())

    rows = re.findall(r'<tr><th scope="row">([^<]+)</th>', main)
    assert rows == SUMMARY_BOX_ROWS


@pytest.mark.parametrize(
    "fact",
    [
        "<p><strong>24.9% APR representative (variable)</strong></p>",
        "<p>Purchases: 1.87% a month (24.9% a year), variable.</p>",
        "<p>Balance transfers: 1.87% a month (24.9% a year), variable.</p>",
        "<p>Cash withdrawals: 2.20% a month (29.9% a year), variable.</p>",
        "Up to 56 days on purchases, if you pay the full balance",
        "1% of your balance plus that month's interest and fees, or £25 if that is more.",
        "Payment is due 25 days after your statement date.",
        "<p>Annual fee: None.</p>",
        "<p>Cash withdrawal: 3% (minimum £3). Also applies to gambling transactions.</p>",
        "<p>Late payment: £12. Charged when the minimum payment arrives late.</p>",
        "<p>Over your credit limit: £12. Charged only if you agreed to over-limit",
    ],
)
def test_summary_box_states_the_card_facts(client: Client, fact: str) -> None:
    assert fact in client.get("/card/").content.decode()


def test_default_charges_are_not_listed_among_the_fees(client: Client) -> None:
    main = _main(client.get("/card/").content.decode())
    fees_row = main[main.index('<th scope="row">Fees</th>') : main.index("Default charges")]

    assert "Late payment" not in fees_row
    assert "Over your credit limit" not in fees_row
