"""The Summary Box on /card/ states the figures the statements are worked out with."""

from __future__ import annotations

from decimal import Decimal

from partnership.cards import services
from partnership.public.content import CARD_TERMS


def test_minimum_payment_and_days_to_pay_match_the_statement_run() -> None:
    assert Decimal(CARD_TERMS.minimum_payment_floor) == services.MINIMUM_PAYMENT_FLOOR
    assert Decimal(CARD_TERMS.minimum_payment_percent) / 100 == services.MINIMUM_PAYMENT_SHARE
    assert CARD_TERMS.days_to_pay == services.DAYS_TO_PAY


def test_the_interest_free_period_is_the_longest_month_plus_the_days_to_pay() -> None:
    assert CARD_TERMS.interest_free_days == 31 + services.DAYS_TO_PAY
