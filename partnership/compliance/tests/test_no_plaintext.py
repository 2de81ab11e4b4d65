"""Proof: personal data typed into the complaints form is nowhere in the database.

SQLite (the test database lives in memory): the whole database image
(``serialize()``, the bytes a file would hold) and its SQL dump (``iterdump()``).
PostgreSQL: ``pg_dump`` of the test database.
"""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest
from django.db import connection
from django.test import Client

from partnership.compliance.complaints.models import Complaint
from partnership.compliance.tests.conftest import complaint_post

DEMO = {
    "name": "Philippa Quatermain-Zed",
    "email": "philippa.quatermain@example.org",
    "phone": "07700 900461",
    "details": "Unrecognised charge of 417.23 at Quokkaville Garden Centre on my card.",
}


def database_bytes() -> bytes:
    if connection.vendor == "sqlite":
        raw = connection.connection
        image = bytes(raw.serialize())
        dump = "\n".join(raw.iterdump()).encode("utf-8")
        return image + b"\n" + dump
    if connection.vendor == "postgresql":
        settings = connection.settings_dict
        pg_dump = shutil.which("pg_dump") or "/usr/bin/pg_dump"
        env = {**os.environ, "PGPASSWORD": str(settings.get("PASSWORD") or "")}
        result = subprocess.run(
            [
                pg_dump,
                "--no-owner",
                "-h",
                str(settings.get("HOST") or "127.0.0.1"),
                "-p",
                str(settings.get("PORT") or 5432),
                "-U",
                str(settings.get("USER") or "postgres"),
                str(settings["NAME"]),
            ],
            capture_output=True,
            check=True,
            env=env,
            timeout=120,
        )
        return result.stdout
    pytest.skip(f"no dump for {connection.vendor}")


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("complaints_urls")
def test_no_plaintext_personal_data_in_a_database_dump(client: Client) -> None:
    response = client.post("/complaints/", complaint_post(**DEMO, reply_preference="phone"))
    assert response.status_code == 200
    complaint = Complaint.objects.get()
    assert complaint.details == DEMO["details"]  # it is there, encrypted

    dump = database_bytes()

    # The search works: the reference (not personal) is found.
    assert complaint.reference.encode() in dump
    needles = [
        *DEMO.values(),
        DEMO["email"].upper(),
        "Quatermain",
        "Quokkaville",
        "900461",
    ]
    found = [needle for needle in needles if needle.encode("utf-8") in dump]
    assert found == []
