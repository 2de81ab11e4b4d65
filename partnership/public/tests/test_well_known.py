"""/.well-known/gpc.json (W3C Global Privacy Control) and /.well-known/security.txt
(RFC 9116), checked against the fields their specifications require."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import Client
from pytest_django import Settings

from partnership.core import clock, env
from partnership.public.checks_selfaudit import security_txt_in_date

pytestmark = pytest.mark.django_db

# RFC 9116 §2.3: "field-name: value", one per line; §2.5.5: Expires is an RFC 3339
# date-time; §2.5.3 Contact is a URI; §2.5.2 Canonical is an https (or, locally, http) URI.
FIELD = re.compile(r"^([A-Za-z-]+): (\S.*)$")
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")


def fields(body: str) -> list[tuple[str, str]]:
    found = []
    for line in body.splitlines():
        match = FIELD.match(line)
        assert match, f"not a field line: {line!r}"
        found.append((match.group(1).lower(), match.group(2)))
    return found


def test_gpc_json_follows_the_spec(client: Client) -> None:
    response = client.get("/.well-known/gpc.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    document = json.loads(response.content)
    assert document == {"gpc": True, "lastUpdate": "2026-12-07"}
    assert dt.date.fromisoformat(document["lastUpdate"]) <= clock.today_in_london()
    assert response.cookies == {}


def test_security_txt_follows_rfc_9116(client: Client, settings: Settings) -> None:
    settings.SECURITY_TXT_EXPIRES = "2027-06-30T12:00:00+01:00"
    response = client.get("/.well-known/security.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    body = response.content.decode("utf-8")
    assert body.endswith("\n")
    found = fields(body)
    names = [name for name, _ in found]
    assert names.count("expires") == 1
    assert names.count("contact") >= 1
    assert names.count("preferred-languages") <= 1
    assert dict(found) == {
        "contact": "mailto:security@card.example.co.uk",
        "expires": "2027-06-30T11:00:00Z",
        "policy": "http://testserver/legal/#security",
        "preferred-languages": "en",
        "canonical": "http://testserver/.well-known/security.txt",
    }
    assert RFC3339.match(dict(found)["expires"])


def test_post_to_well_known_is_refused(client: Client) -> None:
    assert client.post("/.well-known/security.txt").status_code == 405
    assert client.post("/.well-known/gpc.json").status_code == 405


def test_the_policy_page_links_the_machine_readable_files(client: Client) -> None:
    body = client.get("/privacy/").content.decode()
    for href in ("/privacy/cookies.json", "/.well-known/gpc.json", "/.well-known/security.txt"):
        assert f'href="{href}"' in body


def test_the_self_audit_fails_within_30_days_of_expiry(settings: Settings) -> None:
    soon = clock.now() + dt.timedelta(days=29)
    settings.SECURITY_TXT_EXPIRES = soon.strftime("%Y-%m-%dT%H:%M:%SZ")
    result = security_txt_in_date()
    assert not result.passed
    assert result.evidence == (
        f"security.txt expires on {soon.date().isoformat()}, within 30 days: "
        "renew SECURITY_TXT_EXPIRES"
    )
    later = clock.now() + dt.timedelta(days=31)
    settings.SECURITY_TXT_EXPIRES = later.strftime("%Y-%m-%dT%H:%M:%SZ")
    assert security_txt_in_date().passed


def test_the_local_default_is_about_a_year_ahead(settings: Settings) -> None:
    expires = dt.datetime.fromisoformat(settings.SECURITY_TXT_EXPIRES)
    assert 360 <= (expires - clock.now()).days <= 366


@pytest.mark.parametrize("raw", ["next year", "2027-13-01T00:00:00Z", "2027-06-30T12:00:00"])
def test_a_malformed_expiry_stops_start_up(monkeypatch: pytest.MonkeyPatch, raw: str) -> None:
    monkeypatch.setenv("SECURITY_TXT_EXPIRES", raw)
    with pytest.raises(ImproperlyConfigured, match="SECURITY_TXT_EXPIRES"):
        env.iso_datetime("SECURITY_TXT_EXPIRES", "2027-01-01T00:00:00Z")
