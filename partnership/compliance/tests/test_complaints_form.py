from __future__ import annotations

import datetime as dt
import re
from typing import Any
from urllib.parse import urlencode

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from partnership.audit.models import AuditEvent
from partnership.compliance.complaints.models import Complaint, ComplaintStatus
from partnership.compliance.complaints.tokens import form_token_issue
from partnership.compliance.tests.conftest import complaint_post
from partnership.core import clock

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("complaints_urls")]

URL = "/complaints/"
FORM_TYPE = "application/x-www-form-urlencoded; charset=utf-8"


def post(client: Client, data: dict[str, Any]) -> tuple[int, str]:
    response = client.post(URL, data)
    return response.status_code, response.content.decode()


def assert_nothing_written() -> None:
    assert Complaint.objects.count() == 0
    assert AuditEvent.objects.count() == 0


def test_form_shows_the_collection_notice_from_the_inventory(client: Client) -> None:
    response = client.get(URL)

    body = response.content.decode()
    assert response.status_code == 200
    assert "Harbourline Card Services Limited is responsible for the information" in body
    assert "a legal obligation we must meet (UK GDPR Art. 6(1)(c))" in body
    assert "3 years from the date we receive a complaint" in body
    assert "complain to the Information Commissioner's Office" in body
    # Each question says why it is asked, and the input points at that reason.
    assert '<p class="meta" id="id_email_hint">To acknowledge your complaint' in body
    assert '<input type="hidden" name="form_token" value="' in body
    assert 'name="csrfmiddlewaretoken"' in body


def test_a_complaint_is_recorded_and_its_reference_shown(client: Client) -> None:
    status, body = post(client, complaint_post())

    complaint = Complaint.objects.get()
    assert status == 200
    assert re.fullmatch(r"CMP-[0-9ABCDEFGHJKMNPQRSTVWXYZ]{10}", complaint.reference)
    assert f"Your reference is <strong>{complaint.reference}</strong>" in body
    assert "What happens next" in body
    assert (complaint.name, complaint.email, complaint.phone) == (
        "Ada Lovelace",
        "Ada.Lovelace@example.org",
        "",
    )
    assert complaint.details == "My statement shows a payment I did not make."
    assert (complaint.topic, complaint.reply_preference) == ("card_account", "email")
    assert complaint.status == ComplaintStatus.RECEIVED
    assert complaint.acknowledge_by == clock.today_in_london() + dt.timedelta(days=30)
    event = AuditEvent.objects.get()
    assert (event.event, event.subject_type, event.subject_id) == (
        "privacy:complaint:submit",
        "complaint",
        str(complaint.pk),
    )
    assert event.data == {"topic": "card_account", "reply_preference": "email"}


def test_empty_form_is_refused_with_an_error_summary_linking_each_field(client: Client) -> None:
    status, body = post(client, {"form_token": form_token_issue()})

    assert status == 400
    assert '<div class="error-summary" role="alert"' in body
    for field, message in [
        ("name", "Enter your name."),
        ("email", "Enter your e-mail address."),
        ("topic", "Choose what your complaint is about."),
        ("details", "Tell us what happened."),
        ("reply_preference", "Choose how you would like us to reply."),
    ]:
        assert f'<a href="#id_{field}">' in body
        assert message in body
        assert f'id="id_{field}_error"' in body
    assert 'aria-describedby="id_name_error id_name_hint"' in body
    assert 'aria-describedby="id_phone_hint"' in body
    assert '<fieldset id="id_topic" aria-describedby="id_topic_error id_topic_hint">' in body
    assert '<a href="#id_phone">' not in body
    assert_nothing_written()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "N" * 201, "This must be 200 characters or fewer (you entered 201)."),
        ("email", "a" * 243 + "@example.org", "This must be 254 characters or fewer"),
        ("phone", "0" * 33, "This must be 32 characters or fewer (you entered 33)."),
        ("details", "d" * 5001, "This must be 5,000 characters or fewer (you entered 5001)."),
    ],
)
def test_an_oversized_field_is_refused_and_the_other_values_kept(
    client: Client, field: str, value: str, message: str
) -> None:
    status, body = post(client, complaint_post(**{field: value}))

    assert status == 400
    assert f'<a href="#id_{field}">' in body
    assert message in body
    errors = re.findall(r'<a href="#id_(\w+)">', body)
    assert errors == [field]
    if field != "name":
        assert 'value="Ada Lovelace"' in body
    if field != "details":
        assert "My statement shows a payment I did not make.</textarea>" in body
    assert_nothing_written()


@pytest.mark.parametrize(
    "name_bytes",
    [b"%FF%FEAda", b"Ada\xff\xfe", b"%C3%28"],
    ids=["percent-encoded", "raw", "bad-sequence"],
)
def test_bytes_that_are_not_utf8_are_refused_with_the_form(
    client: Client, name_bytes: bytes
) -> None:
    fields = complaint_post()
    del fields["name"]
    body = b"name=" + name_bytes + b"&" + urlencode(fields).encode()

    response = client.post(URL, body, content_type=FORM_TYPE)

    page = response.content.decode()
    assert response.status_code == 400
    assert '<a href="#id_name">Your name: We could not read what was sent here' in page
    assert 'value="Ada.Lovelace@example.org"' in page
    assert_nothing_written()


def test_script_is_shown_escaped_and_stored_as_typed(client: Client) -> None:
    script = '<script>alert("x")</script>'

    status, body = post(client, complaint_post(details=script, email="not-an-address"))

    assert status == 400
    assert "<script>alert" not in body
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</textarea>" in body
    assert_nothing_written()

    status, body = post(client, complaint_post(details=script, name=script))

    assert status == 200
    assert "<script>alert" not in body
    complaint = Complaint.objects.get()
    assert (complaint.details, complaint.name) == (script, script)


@pytest.mark.parametrize("email", ["not-an-address", "a@", "@example.org", "a b@example.org"])
def test_an_email_that_is_not_one_is_refused(client: Client, email: str) -> None:
    status, body = post(client, complaint_post(email=email))

    assert status == 400
    assert "Enter an e-mail address in the form name@example.com." in body
    assert_nothing_written()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name", "Ada\x00Lovelace"),
        ("name", "Ada\x1bLovelace"),
        ("details", "It broke\x00 again"),
        ("details", "Bell\x07"),
        ("email", "ada\x00@example.org"),
        ("phone", "07700\x00900123"),
    ],
)
def test_control_characters_are_refused_with_a_clear_message(
    client: Client, field: str, value: str
) -> None:
    status, body = post(client, complaint_post(**{field: value}))

    assert status == 400
    assert re.findall(r'<a href="#id_(\w+)">', body) == [field]
    assert "contains control characters (such as NUL) that cannot be stored" in body
    assert_nothing_written()


def test_line_breaks_and_tabs_in_the_details_are_kept(client: Client) -> None:
    status, _ = post(client, complaint_post(details="First line\r\n\tsecond line\n"))

    assert status == 200
    assert Complaint.objects.get().details == "First line\n\tsecond line"


def test_line_breaks_count_as_one_character_as_the_browser_counts_them(client: Client) -> None:
    status, _ = post(client, complaint_post(details="x\r\n" * 2500))

    assert status == 200
    assert len(Complaint.objects.get().details) == 4999


def test_reply_by_phone_needs_a_phone_number(client: Client) -> None:
    status, body = post(client, complaint_post(reply_preference="phone"))

    assert status == 400
    assert "Give a phone number if you would like us to call you." in body
    assert_nothing_written()


def test_a_resubmitted_form_records_one_complaint(client: Client) -> None:
    data = complaint_post()

    first_status, first = post(client, data)
    second_status, second = post(client, {**data, "details": "Sent again, edited."})

    complaint = Complaint.objects.get()
    assert (first_status, second_status) == (200, 200)
    assert complaint.details == "My statement shows a payment I did not make."
    assert f"<strong>{complaint.reference}</strong>" in second
    assert "This form had already been sent" in second
    assert "already been sent" not in first
    assert AuditEvent.objects.count() == 1


@pytest.mark.parametrize("token", ["", "forged", form_token_issue() + "x"])
def test_a_form_without_a_token_we_issued_records_nothing(client: Client, token: str) -> None:
    status, body = post(client, complaint_post(form_token=token))

    assert status == 400
    assert "This form could not be matched to one we sent, so nothing was recorded." in body
    assert 'value="Ada Lovelace"' in body
    assert_nothing_written()


def test_the_form_works_with_the_csrf_check_on(client: Client) -> None:
    strict = Client(enforce_csrf_checks=True)
    page = strict.get(URL).content.decode()
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    token = re.search(r'name="form_token" value="([^"]+)"', page)
    assert csrf is not None
    assert token is not None

    response = strict.post(
        URL, complaint_post(csrfmiddlewaretoken=csrf.group(1), form_token=token.group(1))
    )

    assert response.status_code == 200
    assert Complaint.objects.count() == 1


def test_other_methods_are_refused(client: Client) -> None:
    assert client.put(URL).status_code == 405
    assert client.delete(URL).status_code == 405


FORM_FIELDS = ("name", "email", "phone", "topic", "details", "reply_preference")
text_or_junk = st.one_of(st.text(max_size=300), st.binary(max_size=50).map(repr))


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.fixed_dictionaries(
        {},
        optional=dict.fromkeys(FORM_FIELDS, text_or_junk),
    ),
    st.booleans(),
)
def test_no_input_makes_the_form_fail_with_a_server_error(
    client: Client, fields: dict[str, str], with_token: bool
) -> None:
    data = {**fields, "form_token": form_token_issue() if with_token else ""}

    response = client.post(URL, data)

    assert response.status_code in (200, 400)
