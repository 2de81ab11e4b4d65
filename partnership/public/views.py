from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from partnership.public import content


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "public/home.html")


@require_safe
def card(request: HttpRequest) -> HttpResponse:
    return render(request, "public/card.html", {"card": content.CARD_TERMS})


@require_safe
def help_page(request: HttpRequest) -> HttpResponse:
    return render(request, "public/help.html")


@require_safe
def legal(request: HttpRequest) -> HttpResponse:
    return render(request, "public/legal.html")
