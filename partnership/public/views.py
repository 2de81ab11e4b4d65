from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from partnership.public import content


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "public/home.html")


def card(request: HttpRequest) -> HttpResponse:
    return render(request, "public/card.html", {"card": content.CARD_TERMS})


def help_page(request: HttpRequest) -> HttpResponse:
    return render(request, "public/help.html")


def legal(request: HttpRequest) -> HttpResponse:
    return render(request, "public/legal.html")
