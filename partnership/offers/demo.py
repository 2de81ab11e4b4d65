"""Demo special offers: three running now, one ended, one draft."""

from __future__ import annotations

import datetime as dt

from partnership.core import clock
from partnership.offers.models import Offer
from partnership.offers.services import OfferInput, offer_create

# (title, partner, teaser, full text, start and end relative to today, published)
DEMO_OFFERS: tuple[tuple[str, str, str, str, int, int, bool], ...] = (
    (
        "Double points on the weekly shop",
        "Harbourline Food Halls",
        "Earn more points on groceries for a limited time.",
        "Earn **double points** on every purchase at Harbourline Food Halls, in store "
        "and online, when you pay with your card.\n\n"
        "- No need to register: the extra points appear on your next statement.\n"
        "- Excludes gift cards, tobacco and lottery tickets.",
        -14,
        60,
        True,
    ),
    (
        "10% off garden furniture",
        "Harbourline Home",
        "A discount on outdoor living for card holders.",
        "Show your card at any Harbourline Home shop, or enter the code **GARDEN10** "
        "online, for 10% off garden furniture and barbecues.\n\n"
        "One use per card holder. Cannot be combined with other discounts.",
        -3,
        30,
        True,
    ),
    (
        "No foreign-exchange fee on holiday bookings",
        "Harbourline Travel",
        "Book a holiday abroad and save on fees.",
        "Holidays booked through Harbourline Travel and paid with your card carry **no "
        "foreign-exchange fee**, even when priced in euros or US dollars.\n\n"
        "The usual fee of 2.99% is refunded within two statements.",
        0,
        90,
        True,
    ),
    (
        "Spring cinema tickets",
        "Harbourline Leisure",
        "Two-for-one cinema tickets in spring.",
        "Two tickets for the price of one at partner cinemas, Monday to Thursday.",
        -120,
        -60,
        True,
    ),
    (
        "Winter sale preview (draft)",
        "Harbourline Home",
        "Early access to the winter sale.",
        "Card holders shop the winter sale a day before everyone else.",
        30,
        45,
        False,
    ),
)


def seed_offers() -> list[str]:
    if Offer.objects.exists():
        return []
    today = clock.today_in_london()
    for title, partner, teaser, body, start, end, published in DEMO_OFFERS:
        offer_create(
            data=OfferInput(
                title=title,
                partner=partner,
                teaser=teaser,
                body=body,
                starts_on=today + dt.timedelta(days=start),
                ends_on=today + dt.timedelta(days=end),
                is_published=published,
            ),
            staff_id=None,
        )
    return [f"Seeded {len(DEMO_OFFERS)} demo special offers (try the card digits 412345)."]
