"""Factories for offers tests (and the back office's permission test)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from partnership.core import clock
from partnership.offers.models import Offer
from partnership.offers.services import OfferInput, offer_create

FULL_TEXT_MARK = "Full-offer-text-for-card-holders"


def offer_input(**overrides: Any) -> OfferInput:
    today = clock.today_in_london()
    values: dict[str, Any] = {
        "title": "Double points on groceries",
        "partner": "Harbourline Food Halls",
        "teaser": "More points on the weekly shop.",
        "body": f"{FULL_TEXT_MARK}: **double points** at every till.",
        "starts_on": today - dt.timedelta(days=1),
        "ends_on": today + dt.timedelta(days=10),
        "is_published": True,
    }
    values.update(overrides)
    return OfferInput(**values)


def offer_make(**overrides: Any) -> Offer:
    return offer_create(data=offer_input(**overrides), staff_id=None)
