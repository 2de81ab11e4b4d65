"""Publishing freezes the generated tables; the command and the staff page publish."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from partnership.accounts.tests.support import sign_in, staff_make
from partnership.audit.models import AuditEvent
from partnership.backoffice import access
from partnership.consent import cookies
from partnership.policy.models import PolicyVersion
from partnership.policy.services import policy_publish

pytestmark = pytest.mark.django_db


def test_publishing_freezes_the_cookie_and_retention_tables_with_the_revision() -> None:
    version = policy_publish(summary="S.", body="Text.", effective_from=dt.date(2026, 1, 1))

    assert version.registry_revision == cookies.registry_revision()
    assert cookies.cookie_name("consent") in version.tables_html
    assert "2 years from the choice" in version.tables_html
    assert version.tables_snapshot is not None
    names = [cookie["name"] for cookie in version.tables_snapshot["cookies"]]
    assert names == [decl.name for decl in cookies.declared()]
    event = AuditEvent.objects.get(event="privacy:policy:publish")
    assert event.subject_id == str(version.number)
    assert event.data["registry_revision"] == version.registry_revision


def test_a_published_version_shows_its_frozen_tables_not_the_live_registry(
    client: Client, settings: Any
) -> None:
    policy_publish(summary="S.", body="Text.", effective_from=dt.date(2026, 1, 1))
    settings.RESEARCH_PARTNERS = [
        {
            "key": "later",
            "name": "Later Panel",
            "origin": "https://later.example",
            "script_path": "/t.js",
            "does": "Counts pages.",
            "cookies": [{"name": "later_id", "purpose": "p", "lifetime": 60, "holds": "h"}],
        }
    ]

    page = client.get("/privacy/versions/1/").content.decode()

    assert "later_id" not in page
    assert cookies.cookie_name("consent") in page
    assert "later_id" in client.get("/privacy/cookies.json").content.decode()


def test_the_registry_revision_changes_with_any_cookie_or_partner(settings: Any) -> None:
    before = cookies.registry_revision()
    with cookies.registry_isolated():
        cookies.register_cookie(
            name_base="theme",
            category=cookies.CookieCategory.PREFERENCES,
            purpose="Remembers the colour scheme you chose.",
            lifetime=86400,
            holds="light or dark",
        )
        assert cookies.registry_revision() != before
    assert cookies.registry_revision() == before
    settings.RESEARCH_PARTNERS = []
    assert cookies.registry_revision() != before


def test_cookies_json_is_exactly_the_contract_format(client: Client) -> None:
    document = client.get("/privacy/cookies.json").json()

    assert set(document) == {"revision", "cookies"}
    assert document["revision"] == cookies.registry_revision()
    for cookie in document["cookies"]:
        assert set(cookie) == {"name", "category", "purpose", "lifetime", "party", "holds"}
        assert cookie["category"] in {"strictly_necessary", "preferences", "statistics", "research"}
        assert cookie["party"] in {"first", "third"}
        assert cookie["lifetime"] == "session" or isinstance(cookie["lifetime"], int)


def test_a_duplicate_or_prefixed_declaration_is_refused() -> None:
    with cookies.registry_isolated():
        with pytest.raises(cookies.CookieRegistryError):
            cookies.register_cookie(
                name_base="session",
                category=cookies.CookieCategory.STRICTLY_NECESSARY,
                purpose="p",
                lifetime=cookies.SESSION,
                holds="h",
            )
        with pytest.raises(cookies.CookieRegistryError):
            cookies.register_cookie(
                name_base="__Host-x",
                category=cookies.CookieCategory.STRICTLY_NECESSARY,
                purpose="p",
                lifetime=60,
                holds="h",
            )


def test_the_command_publishes_and_exits_2_on_bad_arguments(tmp_path: Path) -> None:
    body = tmp_path / "policy.md"
    body.write_text("## Cookies\n\nFew.\n", encoding="utf-8")
    out = StringIO()

    call_command(
        "policy_publish", summary="First.", body_file=str(body), effective="2026-12-01", stdout=out
    )

    assert "Published version 1" in out.getvalue()
    assert PolicyVersion.objects.get().tables_html
    for bad in (
        {"effective": "1 December", "body_file": str(body)},
        {"effective": "2026-12-02", "body_file": str(tmp_path / "missing.md")},
        {"effective": "2026-11-01", "body_file": str(body)},  # before version 1
    ):
        with pytest.raises(CommandError) as raised:
            call_command("policy_publish", summary="Second.", **bad)
        assert raised.value.returncode == 2
    assert PolicyVersion.objects.count() == 1


def test_compliance_publishes_from_the_back_office_with_preview_first() -> None:
    client = Client()
    officer = staff_make(group=access.COMPLIANCE_OFFICER)
    sign_in(client, officer)
    data = {
        "summary": "Adds cookies.",
        "body": "## Cookies\n\nFew.",
        "effective_from": "2026-12-01",
    }

    preview = client.post("/staff/privacy/publish/", {**data, "preview": "1"})
    assert preview.status_code == 200
    assert "<h2>Cookies</h2>" in preview.content.decode()
    assert PolicyVersion.objects.count() == 0

    published = client.post("/staff/privacy/publish/", {**data, "publish": "1"})

    assert (published.status_code, published["Location"]) == (302, "/privacy/versions/1/")
    event = AuditEvent.objects.get(event="privacy:policy:publish")
    assert (event.actor_kind, event.actor_id) == ("staff", str(officer.pk))


@pytest.mark.parametrize(
    "data",
    [
        {"summary": "", "body": "x", "effective_from": "2026-12-01"},
        {"summary": "S", "body": "x", "effective_from": "yesterday"},
        {"summary": "S", "body": "x" * 100_001, "effective_from": "2026-12-01"},
        {"summary": "S\x00", "body": "x", "effective_from": "2026-12-01"},
    ],
)
def test_a_bad_publish_form_is_refused_and_nothing_published(data: dict[str, str]) -> None:
    client = Client()
    sign_in(client, staff_make(group=access.COMPLIANCE_OFFICER))

    response = client.post("/staff/privacy/publish/", {**data, "publish": "1"})

    assert response.status_code == 400
    assert "Nothing was published" in response.content.decode()
    assert PolicyVersion.objects.count() == 0
