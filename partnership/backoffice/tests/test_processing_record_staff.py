"""/staff/compliance/processing/: the record of processing as a page and downloads."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from partnership.accounts.tests.support import sign_in, staff_make
from partnership.backoffice import access
from partnership.backoffice.tests.marketing_support import processor_make, recipient_make
from partnership.compliance.processing.record import processing_record

pytestmark = pytest.mark.django_db
URL = "/staff/compliance/processing/"


def officer() -> Client:
    client = Client()
    sign_in(client, staff_make(group=access.COMPLIANCE_OFFICER))
    return client


def test_page_lists_each_activity_and_the_register_recipients() -> None:
    processor_make(supplier="Cardforge Printing Ltd")
    recipient_make("Harbourline Home Ltd")
    response = officer().get(URL)
    assert response.status_code == 200
    body = response.content.decode()
    for activity in processing_record()["activities"]:
        assert f'id="activity-{activity["name"]}"' in body
    assert "Cardforge Printing Ltd (Card printing)" in body
    assert "Harbourline Home Ltd (Marketing)" in body


def test_json_download_equals_the_record() -> None:
    response = officer().get(URL, {"format": "json"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content) == json.loads(json.dumps(processing_record()))


def test_csv_download() -> None:
    response = officer().get(URL, {"format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.decode().startswith("activity,purpose,")


def test_unknown_format_is_a_400_not_a_500() -> None:
    response = officer().get(URL, {"format": "xml<script>"})
    assert response.status_code == 400
    assert b"as a page, as JSON or as CSV only" in response.content
    assert b"<script>" not in response.content
