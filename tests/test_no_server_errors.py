"""No URL answers 5xx, whatever is in its path, for anyone, with any method.

The test walks the URLconf itself, so a URL added later is covered without editing
this file. Each path argument is replaced by malformed values — a fixed list of the
classic ones, then values Hypothesis draws — and every URL is asked with each method
the site allows (GET, HEAD, POST) and one it does not (PUT), as an anonymous visitor,
a customer and each staff role. No answer may be 5xx, show a stack trace, or name a
person it is not about.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote, quote_from_bytes, unquote

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.test import Client
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from partnership.accounts.models import User
from partnership.accounts.services.password_reset import password_reset_path
from partnership.accounts.tests.support import sign_in
from tests.test_url_access import STAFF_ROLES, owned, people  # noqa: F401 (fixtures by name)

pytestmark = pytest.mark.django_db

VISITORS = ["anonymous", "owner", *STAFF_ROLES]
METHODS = ["GET", "HEAD", "POST", "PUT"]  # the site allows only the first three
ARGUMENT = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")

# Path segments as they arrive on the wire (already percent-encoded).
MALFORMED = [
    "not-a-number",  # wrong type for int and uuid converters
    "",  # empty
    "x" * 5000,  # very long
    "%ff%fe",  # percent-escapes that are not UTF-8
    "%00",  # NUL
    "..",
    "%2e%2e%2f%2e%2e",  # ../.. escaped
    "9" * 40,  # beyond any integer column
    "-1",
    "0",
    "AA",  # base64 of one zero byte
    "MTIzNDU2Nzg5MA",  # base64 of digits
    "00000000-0000-0000-0000-000000000000",  # well formed, names nothing
]
# Every query-string parameter a view reads; HOSTILE_QUERY gives each of them three
# malformed values at once (a repeated key is malformed too).
QUERY_NAMES = [
    *("next", "reason", "saved", "show", "status"),
    *("from", "to", "q", "page"),  # transactions
    *("period", "start", "end"),  # analytics
    *("email", "last4", "postcode", "reference"),  # customer search
]
HOSTILE_QUERY = "?" + "&".join(
    f"{name}={value}" for name in QUERY_NAMES for value in ("%ff%fe", "%00", "9" * 40)
)
TRACEBACK_MARKERS = (b"Traceback (most recent call last)", b'File "/', b"site-packages")
# What identifies the test people in tests/test_url_access.py.
PERSONAL = {
    "owner": (b"owner.test@example.com", b"Ada Testperson", b"TE1 1ST"),
    "other_customer": (b"other.test@example.com",),
    **{role: (f"{role}.test@example.com".encode(),) for role in STAFF_ROLES},
    "staff": (b"Sam Staffperson",),
}


def routes(patterns: list[Any] | None = None, prefix: str = "") -> Iterator[str]:
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            yield from routes(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern)


ROUTES = sorted(set(routes()))
ROUTES_WITH_ARGUMENTS = [route for route in ROUTES if ARGUMENT.search(route)]


def test_the_walk_finds_every_kind_of_url() -> None:
    # A guard on the walker itself: includes are followed and arguments recognised.
    assert "" in ROUTES
    assert "account/password-reset/<str:uidb64>/<str:token>/" in ROUTES_WITH_ARGUMENTS
    assert "staff/offers/<int:offer_id>/" in ROUTES_WITH_ARGUMENTS
    assert "healthz" in ROUTES


def fill(route: str, values: dict[str, str]) -> str:
    """The URL of ``route`` with each argument given ``values[name]`` (raw, escaped)."""
    return "/" + ARGUMENT.sub(lambda m: values[m.group("name")], route)


def client_for(visitor: str, cast: dict[str, User]) -> Client:
    client = Client(raise_request_exception=False)
    if visitor != "anonymous":
        sign_in(client, cast[visitor])
    return client


def ask(client: Client, method: str, url: str) -> Any:
    return client.generic(method, url)


def safety_problems(response: Any, visitor: str, where: str) -> list[str]:
    """What is wrong with an answer: a 5xx, a stack trace, someone else's data."""
    if response.status_code >= 500:
        return [f"{where}: {response.status_code}"]
    body = b"".join(response) if response.streaming else response.content
    found = [f"{where}: stack trace" for marker in TRACEBACK_MARKERS if marker in body]
    # A person's own data may be on their own pages, never on an error page.
    for who, items in PERSONAL.items():
        own = who == visitor or (who == "staff" and visitor in STAFF_ROLES)
        if not own or response.status_code >= 400:
            found += [f"{where}: {who}'s data" for item in items if item in body]
    return found


@pytest.fixture
def cast(people: dict[str, User]) -> dict[str, User]:  # noqa: F811
    return people


@pytest.fixture
def real(people: dict[str, User], owned: dict[str, str]) -> dict[str, str]:  # noqa: F811
    """A value naming something that exists, for each kind of path argument."""
    owner = people["owner"]
    uidb64, token = password_reset_path(
        user=owner, token=default_token_generator.make_token(owner)
    ).split("/")[-3:-1]
    return {
        **{key[1:-1]: value for key, value in owned.items()},
        "int:number": "1",
        "slug:step": "contact",
        "str:uidb64": uidb64,
        "str:token": token,
    }


def real_values(route: str, real: dict[str, str]) -> dict[str, str]:
    return {m.group("name"): real.get(m.group(0)[1:-1], "1") for m in ARGUMENT.finditer(route)}


@pytest.mark.parametrize("visitor", VISITORS)
def test_every_url_with_every_method(
    visitor: str, cast: dict[str, User], real: dict[str, str]
) -> None:
    problems = []
    for route in ROUTES:
        url = fill(route, real_values(route, real))
        for method, query in [(method, "") for method in METHODS] + [("GET", HOSTILE_QUERY)]:
            response = ask(client_for(visitor, cast), method, url + query)
            problems += safety_problems(response, visitor, f"{method} {url}{query[:20]}")
    assert problems == []


def malformed_urls(route: str, real: dict[str, str]) -> Iterator[str]:
    values = real_values(route, real)
    for name in values:
        for value in MALFORMED:
            yield fill(route, {**values, name: value})


@pytest.mark.parametrize("visitor", VISITORS)
def test_malformed_path_arguments(
    visitor: str, cast: dict[str, User], real: dict[str, str]
) -> None:
    client = client_for(visitor, cast)
    problems = []
    for route in ROUTES_WITH_ARGUMENTS:
        for url in malformed_urls(route, real):
            # A URL no pattern matches gets the 404 page before any view: ask it once.
            if not resolves(url) and visitor != "anonymous":
                continue
            for method in ("GET", "POST"):
                response = ask(client, method, url)
                problems += safety_problems(response, visitor, f"{method} {url[:80]}")
    assert problems == []


def resolves(url: str) -> bool:
    try:
        resolve(unquote(url))
    except Resolver404:
        return False
    return True


def _segment() -> st.SearchStrategy[str]:
    text = st.text(max_size=300).map(lambda s: quote(s, safe=""))
    raw = st.binary(max_size=200).map(lambda b: quote_from_bytes(b, safe=""))
    b64 = st.binary(min_size=1, max_size=64).map(
        lambda b: base64.urlsafe_b64encode(b).decode().rstrip("=")
    )
    numbers = st.integers(min_value=-(10**30), max_value=10**30).map(str)
    return st.one_of(st.sampled_from(MALFORMED), text, raw, b64, numbers)


# Half the profile's examples (CI: 100, about 2 s); HYPOTHESIS_PROFILE=deep draws more.
@settings(
    max_examples=settings().max_examples // 2,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    route=st.sampled_from(ROUTES),
    values=st.lists(_segment(), min_size=2, max_size=2),
    query=st.dictionaries(st.sampled_from(QUERY_NAMES), _segment(), max_size=4),
    method=st.sampled_from(METHODS),
    visitor=st.sampled_from(VISITORS),
)
def test_drawn_path_arguments(
    cast: dict[str, User],
    route: str,
    values: list[str],
    query: dict[str, str],
    method: str,
    visitor: str,
) -> None:
    names = [m.group("name") for m in ARGUMENT.finditer(route)]
    url = fill(route, dict(zip(names, values, strict=False)))
    url += "?" + "&".join(f"{name}={value}" for name, value in query.items())
    response = ask(client_for(visitor, cast), method, url)
    assert safety_problems(response, visitor, f"{method} {url[:80]}") == []
