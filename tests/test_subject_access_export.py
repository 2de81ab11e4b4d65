from __future__ import annotations

import json
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from partnership.audit.models import AuditEvent
from partnership.compliance.complaints.models import ComplaintTopic, ReplyPreference
from partnership.compliance.complaints.services import ComplaintInput, complaint_submit
from partnership.policy.models import PolicyVersion
from partnership.privacy import inventory
from partnership.privacy.export import (
    ExportPathError,
    UnknownSubject,
    subject_access_collect,
    subject_access_export,
)
from partnership.privacy.inventory import ErasureOutcome, InventoryEntry, LawfulBasis, PersonalField
from partnership.privacy.subjects import DataSubject, InvalidSubjectEmail

pytestmark = pytest.mark.django_db

EMAIL = "ada.lovelace@example.org"


@pytest.fixture(autouse=True)
def _complaints_only() -> Iterator[None]:
    """These tests pin the export's exact shape; other apps test their own categories."""
    with inventory.registry_isolated(keep={"complaints"}):
        yield


def submit(*, email: str = "Ada.Lovelace@Example.org", details: str = "It went wrong.") -> None:
    complaint_submit(
        data=ComplaintInput(
            name="Ada Lovelace",
            email=email,
            phone="07700 900123",
            topic=ComplaintTopic.WEBSITE,
            details=details,
            reply_preference=ReplyPreference.PHONE,
        )
    )


def read(path: Path) -> dict[str, str]:
    if path.suffix == ".zip":
        with zipfile.ZipFile(path) as archive:
            return {name: archive.read(name).decode() for name in archive.namelist()}
    return {child.name: child.read_text(encoding="utf-8") for child in path.iterdir()}


def test_data_json_holds_every_category_and_a_record_of_the_search(tmp_path: Path) -> None:
    submit()
    submit(email="someone.else@example.org")

    call_command("subject_access_export", EMAIL, "--out", str(tmp_path / "out"))

    files = read(tmp_path / "out")
    data = json.loads(files["data.json"])
    assert sorted(files) == ["data.json", "summary.html"]
    assert list(data) == ["meta", "complaints"]
    assert sorted(data["meta"]) == [
        "categories_searched",
        "format_version",
        "generated_at",
        "subject",
    ]
    assert data["meta"]["format_version"] == 1
    assert data["meta"]["subject"] == {"email": EMAIL, "user_id": None}
    assert data["meta"]["categories_searched"] == [
        {
            "category": "complaints",
            "description": inventory.entry_for_category("complaints").description,
            "count": 1,
        }
    ]
    [record] = data["complaints"]
    assert sorted(record) == [
        "acknowledge_by",
        "acknowledged_at",
        "closed_at",
        "details",
        "email",
        "name",
        "outcome",
        "outcome_at",
        "phone",
        "received_at",
        "reference",
        "reply_preference",
        "status",
        "steps_taken",
        "topic",
    ]
    assert (record["name"], record["email"], record["phone"]) == (
        "Ada Lovelace",
        "Ada.Lovelace@Example.org",
        "07700 900123",
    )
    assert (record["topic"], record["status"], record["closed_at"]) == ("website", "received", None)


def test_every_registered_category_is_searched_even_when_empty(tmp_path: Path) -> None:
    def export_versions(subject: DataSubject) -> list[dict[str, Any]]:
        return []

    extra = InventoryEntry(
        model=PolicyVersion,
        category="zz_test",
        description="Nothing here.",
        fields=(PersonalField("summary", "S", "p", LawfulBasis.CONSENT, encrypted=False),),
        retention_rule="complaint-records",
        export=export_versions,
        erase=lambda subject: ErasureOutcome(),
    )
    submit()
    with inventory.registry_isolated():
        inventory.register(extra)
        data = subject_access_collect(subject=DataSubject(email=EMAIL))

    assert list(data) == ["meta", "complaints", "zz_test"]
    assert data["zz_test"] == []
    assert [(c["category"], c["count"]) for c in data["meta"]["categories_searched"]] == [
        ("complaints", 1),
        ("zz_test", 0),
    ]


def test_summary_is_readable_self_contained_and_escaped(tmp_path: Path) -> None:
    submit(details='<script>alert("x")</script><img src="https://tracker.example/p.gif">')

    subject_access_export(email=EMAIL, out=tmp_path / "out")

    html = (tmp_path / "out" / "summary.html").read_text(encoding="utf-8")
    assert "<h1>Your personal data</h1>" in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "<script" not in html
    assert "<img" not in html
    assert "<link" not in html
    assert 'src="' not in html
    assert "Ada Lovelace" in html
    assert "a legal obligation we must meet" in html.lower()
    assert "FCA Handbook DISP 1.9.1R" in html


def test_a_zip_path_gets_a_zip_with_the_same_files(tmp_path: Path) -> None:
    submit()

    result = subject_access_export(email=EMAIL, out=tmp_path / "export.zip")

    assert result.archive == "zip"
    assert result.counts == {"complaints": 1}
    files = read(tmp_path / "export.zip")
    assert sorted(files) == ["data.json", "summary.html"]
    assert json.loads(files["data.json"])["complaints"][0]["name"] == "Ada Lovelace"
    assert (tmp_path / "export.zip").stat().st_mode & 0o077 == 0
    assert [p.name for p in tmp_path.iterdir()] == ["export.zip"]


def test_a_directory_export_is_private_to_its_owner(tmp_path: Path) -> None:
    submit()

    subject_access_export(email=EMAIL, out=tmp_path / "out")

    assert (tmp_path / "out").stat().st_mode & 0o077 == 0
    assert (tmp_path / "out" / "data.json").stat().st_mode & 0o077 == 0
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


def test_an_empty_directory_is_filled(tmp_path: Path) -> None:
    submit()
    (tmp_path / "out").mkdir()

    subject_access_export(email=EMAIL, out=tmp_path / "out")

    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["data.json", "summary.html"]


@pytest.mark.parametrize("name", ["out", "export.zip"])
def test_existing_output_is_never_overwritten(tmp_path: Path, name: str) -> None:
    submit()
    target = tmp_path / name
    if name == "out":
        target.mkdir()
        (target / "keep.txt").write_text("mine")
    else:
        target.write_text("mine")

    with pytest.raises(CommandError) as raised:
        call_command("subject_access_export", EMAIL, "--out", str(target))

    assert raised.value.returncode == 2
    assert (target / "keep.txt" if name == "out" else target).read_text() == "mine"
    assert AuditEvent.objects.filter(event="privacy:subject-access:export").count() == 0
    assert [p.name for p in tmp_path.iterdir()] == [name]


def test_a_missing_parent_folder_is_refused(tmp_path: Path) -> None:
    submit()

    with pytest.raises(ExportPathError):
        subject_access_export(email=EMAIL, out=tmp_path / "missing" / "out")


def test_an_unknown_person_exits_2_without_naming_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    submit()

    with pytest.raises(CommandError) as raised:
        call_command("subject_access_export", "nobody@example.org", "--out", str(tmp_path / "o"))

    assert raised.value.returncode == 2
    assert "nobody" not in str(raised.value)
    assert "nobody" not in "".join(capsys.readouterr())
    assert list(tmp_path.iterdir()) == []
    assert AuditEvent.objects.filter(event="privacy:subject-access:export").count() == 0


def test_something_that_is_not_an_email_exits_2(tmp_path: Path) -> None:
    with pytest.raises(CommandError) as raised:
        call_command("subject_access_export", "not an address", "--out", str(tmp_path / "o"))

    assert raised.value.returncode == 2
    assert "not an address" not in str(raised.value)
    with pytest.raises(InvalidSubjectEmail):
        subject_access_export(email="nope", out=tmp_path / "o")


def test_missing_out_is_a_bad_argument() -> None:
    with pytest.raises(CommandError, match="--out"):
        call_command("subject_access_export", EMAIL)


def test_unknown_subject_is_raised_by_the_service(tmp_path: Path) -> None:
    with pytest.raises(UnknownSubject):
        subject_access_export(email=EMAIL, out=tmp_path / "o")


def test_the_export_is_audited_without_personal_data(tmp_path: Path) -> None:
    submit()
    before = AuditEvent.objects.count()

    call_command("subject_access_export", EMAIL, "--out", str(tmp_path / "o.zip"))

    event = AuditEvent.objects.get(event="privacy:subject-access:export")
    assert AuditEvent.objects.count() == before + 1
    assert (event.actor_kind, event.subject_type, event.subject_id) == ("system", "", "")
    assert event.data == {
        "format_version": 1,
        "archive": "zip",
        "records": 1,
        "n_complaints": 1,
    }
