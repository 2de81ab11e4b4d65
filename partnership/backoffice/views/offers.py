"""/staff/offers/: marketing staff list, create and edit special offers (audited).

The guard (``backoffice.manage_offers``) is applied from the table in ``urls.py``.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from partnership.offers import selectors, services
from partnership.offers.forms import OfferForm


@require_safe
def offer_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "backoffice/offers/list.html", {"offers": selectors.offer_list_for_staff()}
    )


@require_http_methods(["GET", "HEAD", "POST"])
def offer_create(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _form_page(request, form=OfferForm(), offer_id=None, status=200)
    form = OfferForm(request.POST)
    if not form.is_valid():
        return _form_page(request, form=form, offer_id=None, status=400)
    services.offer_create(data=form.to_input(), staff_id=str(request.user.pk))
    return redirect("backoffice:offers")


@require_http_methods(["GET", "HEAD", "POST"])
def offer_edit(request: HttpRequest, offer_id: int) -> HttpResponse:
    offer = selectors.offer_get(offer_id=offer_id)
    if offer is None:
        raise Http404
    if request.method != "POST":
        return _form_page(request, form=OfferForm.for_offer(offer), offer_id=offer.pk, status=200)
    form = OfferForm(request.POST)
    if not form.is_valid():
        return _form_page(request, form=form, offer_id=offer.pk, status=400)
    services.offer_update(offer=offer, data=form.to_input(), staff_id=str(request.user.pk))
    return redirect("backoffice:offers")


def _form_page(
    request: HttpRequest, *, form: OfferForm, offer_id: int | None, status: int
) -> HttpResponse:
    return render(
        request,
        "backoffice/offers/form.html",
        {"form": form, "offer_id": offer_id},
        status=status,
    )
