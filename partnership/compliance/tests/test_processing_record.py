"""The record of processing (Art. 30): built from the registries, checked by the self-audit."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from pytest_django import Settings

from partnership.compliance.processing import activities, checks
from partnership.compliance.processing.record import processing_record
from partnership.compliance.processors.models import Processor
from partnership.core import clock
from partnership.privacy import inventory
from partnership.privacy.retention import rules

pytestmark = pytest.mark.django_db


def processor_add(supplier: str, kinds: list[str], country: str, safeguard: str) -> Processor:
    today = clock.today_in_london()
    return Processor.objects.create(
        supplier=supplier,
        service=f"{supplier} service",
        data_categories=kinds,
        country=country,
        safeguard=safeguard,
        contract_date=today,
        audit_due=today + dt.timedelta(days=100),
        created_at=clock.now(),
        updated_at=clock.now(),
    )


def command_json() -> dict[str, Any]:
    out = io.StringIO()
    call_command("processing_record", "--json", stdout=out)
    loaded: dict[str, Any] = json.loads(out.getvalue())
    return loaded


def test_every_inventory_category_is_in_an_activity_with_its_inventory_facts() -> None:
    record = command_json()
    by_category = {entry.category: entry for entry in inventory.registered()}
    seen: set[str] = set()
    for activity in record["activities"]:
        for item in activity["data_categories"]:
            entry = by_category[item["category"]]
            assert item["fields"] == [field.label for field in entry.fields]
            assert item["description"] == entry.description
            seen.add(item["category"])
        rule_names = [
            entry.retention_rule
            for entry in (by_category[i["category"]] for i in activity["data_categories"])
        ]
        for retention in activity["retention"]:
            assert retention["period"] == rules.RULES[retention["rule"]].description
        assert set(rule_names) <= {r["rule"] for r in activity["retention"]}
    assert seen == set(by_category)
    assert [a["name"] for a in record["activities"]] == [a.name for a in activities.ACTIVITIES]


def test_lawful_bases_come_from_the_inventory_fields() -> None:
    record = command_json()
    [complaints] = [a for a in record["activities"] if a["name"] == "complaints"]
    entry = inventory.entry_for_category("complaints")
    bases = [b for b in inventory.LawfulBasis if b in {f.lawful_basis for f in entry.fields}]
    assert complaints["lawful_bases"] == [f"{b.label} ({b.article})" for b in bases]


def test_recipients_and_transfers_come_from_the_processor_register() -> None:
    processor_add("Postroom Ltd", ["contact"], "United Kingdom", "uk")
    processor_add("Faraway Logins Inc", ["online"], "United States", "idta")
    record = command_json()
    by_name = {a["name"]: a for a in record["activities"]}
    assert [r["name"] for r in by_name["sign-in-security"]["recipients"]] == ["Faraway Logins Inc"]
    assert by_name["sign-in-security"]["transfers_outside_uk"] == [
        {
            "recipient": "Faraway Logins Inc",
            "country": "United States",
            "safeguard": "International Data Transfer Agreement (IDTA)",
        }
    ]
    assert [r["name"] for r in by_name["card-account"]["recipients"]] == ["Postroom Ltd"]
    assert by_name["card-account"]["transfers_outside_uk"] == []
    assert by_name["complaints"]["recipients"] == []


def test_controller_and_dpo_come_from_settings(settings: Settings) -> None:
    settings.DPO_EMAIL = "privacy-officer@card.example.co.uk"
    controller = command_json()["controller"]
    assert controller["name"] == settings.BRAND["issuer_name"]
    assert controller["dpo_email"] == "privacy-officer@card.example.co.uk"
    assert controller["address"] == settings.CONTROLLER_ADDRESS


def test_csv_has_one_row_per_activity_and_defuses_formulas() -> None:
    processor_add("=HYPERLINK(1)", ["marketing"], "United Kingdom", "uk")
    out = io.StringIO()
    call_command("processing_record", "--csv", stdout=out)
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert rows[0][0] == "activity"
    assert [row[0] for row in rows[1:]] == [a.name for a in activities.ACTIVITIES]
    [marketing] = [row for row in rows[1:] if row[0] == "marketing"]
    assert marketing[5] == "'=HYPERLINK(1)"


def test_json_and_csv_together_are_refused() -> None:
    with pytest.raises(CommandError):
        call_command("processing_record", "--json", "--csv", stdout=io.StringIO())


def test_the_check_passes_on_the_shipped_activities() -> None:
    result = checks.processing_record_complete()
    assert result.passed, result.evidence


def test_a_category_without_an_activity_fails_the_check_naming_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    kept = tuple(a for a in activities.ACTIVITIES if a.name != "complaints")
    monkeypatch.setattr(activities, "ACTIVITIES", kept)
    result = checks.processing_record_complete()
    assert not result.passed
    assert result.evidence == "in no processing activity: complaints"


def test_names_that_no_longer_exist_fail_the_check(monkeypatch: pytest.MonkeyPatch) -> None:
    broken = dataclasses.replace(
        activities.ACTIVITIES[0],
        categories=(*activities.ACTIVITIES[0].categories, "old_category"),
        extra_rules=("old-rule",),
        cookies=("old-cookie",),
    )
    monkeypatch.setattr(activities, "ACTIVITIES", (broken, *activities.ACTIVITIES[1:]))
    result = checks.processing_record_complete()
    assert not result.passed
    name = broken.name
    assert result.evidence == (
        f"names that no longer exist: {name}: category old_category, "
        f"{name}: rule old-rule, {name}: cookie old-cookie"
    )


def test_privacy_audit_fails_when_a_category_has_no_activity(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    kept = tuple(a for a in activities.ACTIVITIES if a.name != "staff-access")
    monkeypatch.setattr(activities, "ACTIVITIES", kept)
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("privacy_audit", "--json", stdout=out)
    report = json.loads(out.getvalue())
    [check] = [c for c in report["checks"] if c["id"] == "P5.processing-record"]
    assert check == {
        "id": "P5.processing-record",
        "promise": "P5",
        "passed": False,
        "evidence": "in no processing activity: staff_access",
    }


def test_record_matches_the_function() -> None:
    assert command_json() == json.loads(json.dumps(processing_record()))
