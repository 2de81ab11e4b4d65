"""What an applicant is told before sending, and what an approved customer agrees to.

Consumer-credit rules ask a lender to give, before the agreement is made, the
pre-contract credit information (the "SECCI", CONC 4.2.4) and an adequate explanation
of the product's key features (CONC 4.2.5): what it is, what it costs, what happens if
payments are missed, and the right to withdraw. Both are built here from the card's
published terms (``public/content.py``), the decision rules' limits and the statement
rules' minimum payment, so the page, the credit agreement and /card/ cannot disagree.
``PRECONTRACT_VERSION`` is recorded on each application and printed on its agreement;
change it with any of the words or figures below.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings

from partnership.applications.decision import rules
from partnership.cards.services import MINIMUM_PAYMENT_FLOOR, MINIMUM_PAYMENT_SHARE
from partnership.public.content import CARD_TERMS, CardTerms

PRECONTRACT_VERSION = "2026.1"
WITHDRAWAL_DAYS = 14


@dataclass(frozen=True)
class Section:
    heading: str
    rows: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Precontract:
    version: str
    terms: CardTerms
    sections: tuple[Section, ...]  # the pre-contract credit information
    explanation: tuple[str, ...]  # the key features, in plain words


def _money(amount: Decimal) -> str:
    return f"£{amount:,.0f}" if amount == amount.to_integral_value() else f"£{amount:,.2f}"


def precontract_information() -> Precontract:
    terms = CARD_TERMS
    sections = (_lender(), _key_features(), _costs(terms), _legal_aspects())
    return Precontract(
        version=PRECONTRACT_VERSION,
        terms=terms,
        sections=sections,
        explanation=_explanation(terms),
    )


def _lender() -> Section:
    brand = settings.BRAND
    return Section(
        "1. The lender",
        (
            ("Lender", str(brand["issuer_name"])),
            ("Telephone", f"{brand['helpline']} ({brand['helpline_hours']})"),
            ("Where to find us", "Our legal information page, /legal/"),
        ),
    )


def _key_features() -> Section:
    share = f"{MINIMUM_PAYMENT_SHARE * 100:.0f}%"
    minimum = (
        f"Each month at least the greater of {_money(MINIMUM_PAYMENT_FLOOR)} and {share} of "
        f"the balance plus that month's interest and fees (the whole balance if it is "
        f"{_money(MINIMUM_PAYMENT_FLOOR)} or less)."
    )
    return Section(
        "2. Key features of the credit",
        (
            (
                "Type of credit",
                "A credit card: running-account credit you can use again as you repay.",
            ),
            (
                "Total amount of credit (credit limit)",
                f"Between {_money(rules.LIMIT_MIN)} and {_money(rules.LIMIT_MAX)}, set by our "
                "decision and shown before the agreement is made; we will not raise it "
                "without asking you.",
            ),
            ("How you draw on it", "By using the card for purchases, balance transfers or cash."),
            ("Duration", "No fixed end: the agreement runs until you or we end it."),
            ("Repayments", minimum),
        ),
    )


def _costs(terms: CardTerms) -> Section:
    rates = tuple(
        (f"Interest rate: {rate.label.lower()}", f"{rate.annual_rate}% a year, {rate.note}")
        for rate in terms.rates
    )
    apr = (
        f"{terms.representative_apr}% APR representative (variable), assuming a "
        f"credit limit of {_money(Decimal(terms.assumed_limit))}. Your rate is the "
        f"one in our decision: between {rules.apr_for(999)}% and {rules.apr_for(0)}% APR."
    )
    return Section(
        "3. Costs of the credit",
        (
            *rates,
            ("Annual percentage rate of charge (APR)", apr),
            ("Charges", "; ".join(f"{fee.label}: {fee.amount}" for fee in terms.fees)),
            (
                "Missing payments",
                "A late payment fee, interest on the unpaid balance, and a record with "
                "credit reference agencies that can make borrowing harder and dearer.",
            ),
        ),
    )


def _legal_aspects() -> Section:
    return Section(
        "4. Other important legal aspects",
        (
            (
                "Right of withdrawal",
                f"You may withdraw from the agreement within {WITHDRAWAL_DAYS} days of the "
                "day after it is made, without giving a reason, by telling us; you repay "
                "what you used, with interest to the day you repay.",
            ),
            (
                "Early repayment",
                "You may repay all or part of the balance at any time, with no charge.",
            ),
            (
                "Database consultation",
                "If we decline your application after searching a credit reference "
                "agency's file, we tell you so and which agency we used.",
            ),
            (
                "Draft agreement",
                "You may ask for a copy of the draft credit agreement free of charge.",
            ),
        ),
    )


def _explanation(terms: CardTerms) -> tuple[str, ...]:
    _purchases, _transfers, cash = terms.rates
    helpline = settings.BRAND["helpline"]
    return (
        "This card is for everyday spending you can repay. It suits you if you can pay at "
        "least the minimum each month; paying the full balance by the due date avoids "
        "interest on purchases.",
        "Paying only the minimum makes the balance take much longer and cost much more to repay.",
        f"Cash withdrawals cost {cash.annual_rate}% a year from the day you take the cash, "
        "plus a fee: they are an expensive way to borrow.",
        "If you miss payments we may charge a fee, your credit file will show it, and in "
        "the end we may ask for the whole balance and pass it to a debt collector.",
        "We pay off the parts of your balance with the highest interest rate first.",
        f"You can change your mind within {WITHDRAWAL_DAYS} days. If anything here is "
        f"unclear, call us on {helpline} before you apply.",
    )
