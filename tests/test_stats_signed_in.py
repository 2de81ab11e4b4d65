"""Signed-in and staff pages are not public traffic (issue 6). Here rather than in
``partnership/analytics/tests`` because it signs people in, and analytics may not import
accounts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from partnership.accounts.tests.support import customer_make, sign_in, staff_make
from partnership.analytics.tests.wsgi_support import Visitor, stack

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(tmp_path: Path) -> Any:
    return stack(log_dir=tmp_path / "access")


def test_signed_in_and_staff_pages_carry_no_beacon(site: Any) -> None:
    app, _ = site
    for user in (customer_make(), staff_make()):
        client = Client()
        sign_in(client, user)
        visitor = Visitor(app, jar={name: m.value for name, m in client.cookies.items()})
        home = "/staff/" if user.is_staff else "/account/"
        page, beacon = visitor.view(home)
        assert page.status == 200
        assert beacon is None
        assert "stats" not in visitor.jar
    # Staff browsing the public pages are not visitors either.
    staff_client = Client()
    sign_in(staff_client, staff_make("other.staff@example.com"))
    assert "/s/hit" not in staff_client.get("/card/").content.decode()
