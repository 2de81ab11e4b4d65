"""What the account views share: reading the client, unreadable fields, rendering."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from partnership.accounts.services.sign_in import SignInClient
from partnership.core.ratelimit import client_address, client_key
from partnership.privacy.complaints.forms import unreadable_fields


def sign_in_client(request: HttpRequest) -> SignInClient:
    return SignInClient(
        key=client_key(request),
        ip_address=client_address(request),
        user_agent=str(request.META.get("HTTP_USER_AGENT", "")),
    )


def unreadable(request: HttpRequest) -> frozenset[str]:
    if request.content_type != "application/x-www-form-urlencoded":
        return frozenset()
    return unreadable_fields(request.body)


def page(
    request: HttpRequest, template: str, context: dict[str, Any], *, status: int = 200
) -> HttpResponse:
    return render(request, f"accounts/{template}", context, status=status)
