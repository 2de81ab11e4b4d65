"""Every form on the site, given hostile submissions (Hypothesis).

One table row per form: where it is posted, by whom, and a valid submission. From
that, Hypothesis draws submissions with each field kept, replaced by arbitrary text,
made oversize, left out or sent twice, in a form body, a multipart body, a JSON body
or plain text. Whatever comes, the answer is below 500; a refusal is a 4xx (the form
again with its message, or an error page); and a refusal stores nothing: every table
apart from the logs (audit, rate limits, sessions, statistics) is row for row as
before. The application steps have fuzz tests of their own
(partnership/applications/tests/test_bad_input.py); the sign-in code and enrolment
steps exist only part-way through a sign-in (partnership/accounts/tests).
"""

from __future__ import annotations

import html
import json
import re
from typing import Any
from urllib.parse import quote

import pytest
from django.apps import apps
from django.contrib.auth.tokens import default_token_generator
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pytest_django import Settings

from partnership.accounts.models import User
from partnership.accounts.services.password_reset import password_reset_path
from partnership.accounts.tests.support import sign_in
from tests.hostile_form_cases import CASES, LOGS, Data, FormCase
from tests.test_url_access import owned, people  # noqa: F401 (fixtures by name)

pytestmark = pytest.mark.django_db


@pytest.fixture
def filled(
    people: dict[str, User],  # noqa: F811
    owned: dict[str, str],  # noqa: F811
    settings: Settings,
) -> dict[str, str]:
    """What fills the table's placeholders: ids of existing objects, a genuine reset link."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    owner = people["owner"]
    link = password_reset_path(user=owner, token=default_token_generator.make_token(owner))
    return {**{f"{{{key}}}": value for key, value in owned.items()}, "{reset_link}": link}


def fill(text: str, filled: dict[str, str]) -> str:
    for placeholder, value in filled.items():
        text = text.replace(placeholder, value)
    return text


def valid(client: Client, case: FormCase, filled: dict[str, str]) -> Data:
    """The row's valid submission, placeholders filled and hidden fields copied."""
    base: Data = {
        name: [fill(v, filled) for v in value] if isinstance(value, list) else fill(value, filled)
        for name, value in case.data().items()
    }
    if case.hidden:
        page = client.get(fill(case.path, filled)).content.decode()
        for name in case.hidden:
            match = re.search(rf'name="{name}" value="([^"]*)"', page)
            assert match is not None, name
            base[name] = html.unescape(match.group(1))
    return base


KINDS = ["keep", "keep", "text", "tricky", "oversize", "missing", "twice", "not-utf-8"]
# Values that have broken parsers before: shapes without substance, edges of numbers.
TRICKY = [
    "",
    " ",
    "\x00",
    "-" * 36,
    "0" * 36,
    "00000000-0000-0000-0000-000000000000",
    "9" * 40,
    "-1",
    "0",
    "1e999",
    "NaN",
    "2025-02-30",
    "9999-12-31",
    "0001-01-01",
    "2026-11-20T25:61",
    "all",
    "on",
    "<script>",
    "../..",
    "\u202e",
]
BODIES = ["urlencoded", "multipart", "json", "text"]
OVERSIZE = "x" * 20_000  # over every field's limit, under the 1 MB body limit


def drawn(data: st.DataObject, base: Data) -> list[tuple[str, str]]:
    """A submission made from ``base``, as (name, value) pairs in order."""
    pairs: list[tuple[str, str]] = []
    for name, value in base.items():
        values = value if isinstance(value, list) else [value]
        kind = data.draw(st.sampled_from(KINDS), label=name)
        if kind == "missing":
            continue
        if kind == "tricky":
            values = [data.draw(st.sampled_from(TRICKY), label=f"{name} tricky")]
        elif kind == "text":
            values = [data.draw(st.text(max_size=60), label=f"{name} text")]
        elif kind == "oversize":
            values = [OVERSIZE]
        elif kind == "twice":
            values = [*values, data.draw(st.text(max_size=10), label=f"{name} again")]
        elif kind == "not-utf-8":
            values = ["\udcff\udcfe"]  # encoded below as the raw bytes ff fe
        pairs += [(name, v) for v in values]
    return pairs


def encode(pairs: list[tuple[str, str]], body: str) -> tuple[bytes, str]:
    if body == "json":
        return json.dumps(dict(pairs)).encode(), "application/json"
    if body == "text":
        return "\n".join(f"{k}={v}" for k, v in pairs).encode("utf-8", "surrogateescape"), (
            "text/plain"
        )
    if body == "multipart":
        boundary = "hostileboundary"
        parts = [
            f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n'.encode()
            + v.encode("utf-8", "surrogateescape")
            + b"\r\n"
            for k, v in pairs
        ]
        return b"".join(parts) + f"--{boundary}--\r\n".encode(), (
            f"multipart/form-data; boundary={boundary}"
        )
    encoded = "&".join(
        f"{quote(k)}={quote(v.encode('utf-8', 'surrogateescape'))}" for k, v in pairs
    )
    return encoded.encode(), "application/x-www-form-urlencoded"


def stored() -> dict[str, list[str]]:
    """Every row of every table but the logs."""
    return {
        model._meta.label: sorted(repr(row) for row in model._default_manager.values_list())
        for model in apps.get_models()
        if model._meta.label not in LOGS
    }


def submit(
    client: Client, case: FormCase, path: str, pairs: list[tuple[str, str]], body: str
) -> Any:
    if case.method == "GET":
        query = "&".join(f"{quote(k)}={quote(v, errors='surrogateescape')}" for k, v in pairs)
        return client.get(f"{path}?{query}")
    content, content_type = encode(pairs, body)
    return client.generic("POST", path, content, content_type=content_type)


@pytest.mark.parametrize("name", sorted(CASES))
@settings(
    max_examples=max(settings().max_examples // 16, 5),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_a_hostile_submission_is_refused_whole(
    name: str,
    data: st.DataObject,
    people: dict[str, User],  # noqa: F811
    filled: dict[str, str],
) -> None:
    case = CASES[name]
    client = Client(raise_request_exception=False)
    if case.visitor != "anonymous":
        sign_in(client, people[case.visitor])
    base = {
        k: [fill(x, filled) for x in v] if isinstance(v, list) else fill(v, filled)
        for k, v in case.data().items()
    }
    pairs = drawn(data, base)
    body = data.draw(st.sampled_from(BODIES), label="body")
    before = stored()

    response = submit(client, case, fill(case.path, filled), pairs, body)

    page = response.content.decode(errors="replace")
    assert response.status_code < 500, page[:2000]
    refused = response.status_code >= 400 or 'role="alert"' in page
    if refused:
        assert stored() == before
    if 'role="alert"' in page and "<form" in page:
        assert 400 <= response.status_code < 500  # the form again, with its message


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_valid_submission_of_each_row_is_accepted(
    name: str,
    people: dict[str, User],  # noqa: F811
    filled: dict[str, str],
) -> None:
    # Without this, a row whose "valid" data were refused would test nothing.
    case = CASES[name]
    client = Client()
    if case.visitor != "anonymous":
        sign_in(client, people[case.visitor])
    base = valid(client, case, filled)
    pairs = [(k, v) for k, vs in base.items() for v in (vs if isinstance(vs, list) else [vs])]

    response = submit(client, case, fill(case.path, filled), pairs, "urlencoded")

    page = response.content.decode()
    assert (response.status_code, 'role="alert"' in page) in {(200, False), (302, False)}, page[
        :3000
    ]


NO_ONES_DEVICE = "00000000-0000-0000-0000-000000000000"


@pytest.mark.parametrize("device", ["-" * 36, "a" * 36, "0" * 36, "g" * 36, NO_ONES_DEVICE])
def test_forgetting_a_browser_by_a_malformed_id_is_refused(
    device: str,
    people: dict[str, User],  # noqa: F811
) -> None:
    client = Client(raise_request_exception=False)
    sign_in(client, people["owner"])
    before = stored()

    response = client.post("/account/privacy/devices/forget/", {"device": device})

    # A UUID's shape but no one's: "not found"; anything else: the form's message.
    assert response.status_code == (404 if device == NO_ONES_DEVICE else 400)
    assert stored() == before
