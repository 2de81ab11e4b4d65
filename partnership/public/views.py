from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_safe

from partnership.public import content
from partnership.public.page_cache import render_public


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    return render_public(request, "public/home.html")


@require_safe
def card(request: HttpRequest) -> HttpResponse:
    return render_public(request, "public/card.html", {"card": content.CARD_TERMS})


@require_safe
def help_page(request: HttpRequest) -> HttpResponse:
    return render_public(request, "public/help.html")


@require_safe
def legal(request: HttpRequest) -> HttpResponse:
    return render_public(request, "public/legal.html")
