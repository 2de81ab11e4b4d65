from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from partnership.offers.models import Offer


def offer_list_current(*, today: dt.date) -> QuerySet[Offer]:
    """Published offers running on ``today`` (a Europe/London day), ending soonest first."""
    return Offer.objects.filter(is_published=True, starts_on__lte=today, ends_on__gte=today)


def offer_list_for_staff() -> QuerySet[Offer]:
    """Every offer, newest start first, for the back office."""
    return Offer.objects.order_by("-starts_on", "title")


def offer_get(*, offer_id: int) -> Offer | None:
    """The offer, or None (the view answers that with a 404)."""
    return Offer.objects.filter(pk=offer_id).first()
