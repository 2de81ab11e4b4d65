"""Writes: special offers, created and changed by marketing staff, each with its audit row."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from django.db import transaction

from partnership.audit.events import AuditEventType
from partnership.audit.services import Actor, audit_record
from partnership.core import clock
from partnership.core.markdown import markdown_render
from partnership.offers.models import Offer


@dataclass(frozen=True)
class OfferInput:
    title: str
    partner: str
    teaser: str
    body: str  # Markdown; raw HTML is not let through
    starts_on: dt.date
    ends_on: dt.date
    is_published: bool


def _apply(offer: Offer, data: OfferInput) -> None:
    offer.title = data.title.strip()
    offer.partner = data.partner.strip()
    offer.teaser = data.teaser.strip()
    offer.body = data.body.strip() + "\n"
    # The same safe Markdown as policy versions: CommonMark, raw HTML off.
    offer.body_html = markdown_render(body=offer.body)
    offer.starts_on = data.starts_on
    offer.ends_on = data.ends_on
    offer.is_published = data.is_published
    offer.updated_at = clock.now()


def offer_create(*, data: OfferInput, staff_id: uuid.UUID | str | None) -> Offer:
    """A new offer. ``staff_id`` None is the system (demo seeding)."""
    with transaction.atomic():
        offer = Offer(created_at=clock.now())
        _apply(offer, data)
        offer.full_clean()
        offer.save(force_insert=True)
        _audit(event=AuditEventType.OFFERS_OFFER_CREATE, offer=offer, staff_id=staff_id)
    return offer


def offer_update(*, offer: Offer, data: OfferInput, staff_id: uuid.UUID | str) -> Offer:
    with transaction.atomic():
        offer = Offer.objects.select_for_update().get(pk=offer.pk)
        _apply(offer, data)
        offer.full_clean()
        offer.save()
        _audit(event=AuditEventType.OFFERS_OFFER_UPDATE, offer=offer, staff_id=staff_id)
    return offer


def _audit(*, event: AuditEventType, offer: Offer, staff_id: uuid.UUID | str | None) -> None:
    audit_record(
        event=event,
        actor=Actor.system() if staff_id is None else Actor.staff(staff_id),
        subject_type="offer",
        subject_id=str(offer.pk),
        reason="content_change",
        data={"published": offer.is_published},
    )
