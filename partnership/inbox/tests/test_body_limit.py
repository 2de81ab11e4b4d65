"""The new-message route is the one exception to the site's 1 MB body limit."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from partnership.inbox.models import Attachment
from partnership.inbox.tests.support import PDF

MB = 1024 * 1024
ROUTE_LIMIT = 5 * MB + 64 * 1024
NGINX = Path(settings.BASE_DIR) / "deploy" / "nginx.conf"

pytestmark = pytest.mark.django_db


def _post(client: Client, path: str, size: int) -> int:
    response = client.generic("POST", path, data=b"x" * size, content_type="text/plain")
    return response.status_code


def test_the_exception_is_named_and_is_the_only_one() -> None:
    assert settings.REQUEST_BODY_LIMIT == MB
    assert settings.REQUEST_BODY_LIMIT_BY_URL_NAME == {"inbox:message_new": ROUTE_LIMIT}


@pytest.mark.parametrize(
    "path", ["/", "/account/messages/", "/account/login/", "/account/messages/new/x/"]
)
def test_other_routes_still_refuse_a_body_over_1_mb(client: Client, path: str) -> None:
    assert _post(client, path, MB + 1) == 413


def test_the_new_message_route_lets_a_body_of_2_mb_through(client: Client) -> None:
    # Past the size guard: the anonymous visitor is sent to sign in instead.
    assert _post(client, "/account/messages/new/", 2 * MB) == 302


def test_the_new_message_route_refuses_a_body_over_its_own_limit(client: Client) -> None:
    assert _post(client, "/account/messages/new/", ROUTE_LIMIT) == 302
    assert _post(client, "/account/messages/new/", ROUTE_LIMIT + 1) == 413


def test_a_5_mb_attachment_fits_the_route_limit(client_of: Client) -> None:
    exact = PDF[:-7] + b" " * (5 * MB - len(PDF)) + PDF[-7:]
    client = Client(enforce_csrf_checks=False)
    client.cookies = client_of.cookies

    response = client.post(
        "/account/messages/new/",
        {
            "topic": "card",
            "body": "x" * 4000,
            "attachment": SimpleUploadedFile("scan.pdf", exact, "application/pdf"),
        },
    )

    assert response.status_code == 302
    assert Attachment.objects.get().size == 5 * MB


def test_nginx_raises_its_limit_for_that_path_alone() -> None:
    text = NGINX.read_text()

    assert text.count("client_max_body_size") == 2
    assert "    client_max_body_size 1m;" in text
    block = text.split("location = /account/messages/new/ {", 1)[1].split("}", 1)[0]
    assert "client_max_body_size 5184k;" in block
    assert ROUTE_LIMIT == 5184 * 1024


def test_the_new_message_route_still_checks_csrf(customer: object) -> None:
    from partnership.accounts.tests.support import sign_in

    client = Client(enforce_csrf_checks=True)
    sign_in(client, customer)  # type: ignore[arg-type]

    response = client.post("/account/messages/new/", {"topic": "card", "body": "Hello"})

    assert response.status_code == 403
    assert not Attachment.objects.exists()
