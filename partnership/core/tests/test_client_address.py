"""The client's address: the peer, a forwarded hop behind our proxies, the keyed hash.

The hash values below are what the limiter produced before this module existed, for
a fixed ``SECRET_KEY``: a changed value would give every client a new key.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable, Iterable
from typing import Any

import pytest
from django.test import RequestFactory
from pytest_django import Settings

from partnership.core.client_address import (
    CLIENT_ADDRESS,
    CLIENT_IP,
    address_for_key,
    address_key,
    client_address,
    client_address_from_environ,
    client_key,
    in_networks,
    parse_address,
)
from partnership.core.wsgi import ProxyHeaderGuard

PROXY = "10.0.0.5"
OURS = [ipaddress.ip_network("10.0.0.0/8")]
FIXED_SECRET = "a fixed key for the tests of client addresses"
KEY_IPV4 = "870941e8d1334b0619789ad6dc3f645d2112cf93c024f09d0127308b6a86fc17"
KEY_IPV6_NETWORK = "91497f92da9253acf75f31b367c73eee6c7849860bf2b11d439978411aa7654b"
KEY_OTHER_IPV6_NETWORK = "60b36fa968d077dfe655a2283e553246e46c2d3d2e857b327adcb58a5a16cb6c"
KEY_UNKNOWN = "0a119f23d19caa1ac5ffaa3fc48eee39945a54f9378f000fb9842a90554b5068"


@pytest.fixture
def behind_proxies(settings: Settings) -> None:
    settings.TRUSTED_PROXIES = OURS
    settings.SECRET_KEY = FIXED_SECRET


def through_guard(environ: dict[str, Any]) -> str:
    """The client address the application sees after ``ProxyHeaderGuard``."""
    seen: list[str] = []

    def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        seen.append(client_address_from_environ(environ))
        return [b""]

    ProxyHeaderGuard(app)(environ, lambda *args: None)
    return seen[0]


# --- the peer alone ---------------------------------------------------------------------
@pytest.mark.parametrize(
    ("remote", "expected"),
    [("203.0.113.7", "203.0.113.7"), ("2001:db8:1:2::1", "2001:db8:1:2::1"), ("", "")],
)
def test_without_a_forwarded_header_the_client_is_the_peer_as_written(
    behind_proxies: None, remote: str, expected: str
) -> None:
    assert client_address_from_environ({"REMOTE_ADDR": remote}) == expected
    assert client_address(RequestFactory().get("/", REMOTE_ADDR=remote)) == expected


def test_an_environ_without_a_peer_gives_an_empty_address(behind_proxies: None) -> None:
    assert client_address_from_environ({}) == ""


# --- forwarded chains -------------------------------------------------------------------
@pytest.mark.parametrize(
    ("forwarded", "expected"),
    [
        ("198.51.100.9, 10.0.0.4", "198.51.100.9"),
        ("198.51.100.9,10.0.0.4", "198.51.100.9"),
        # The leftmost hop is whatever the client wrote: past the first outsider, unread.
        ("203.0.113.1, 198.51.100.9, 10.0.0.4", "198.51.100.9"),
        ("2001:db8:1:2::9", "2001:db8:1:2::9"),
        (" , ,198.51.100.9 ,", "198.51.100.9"),
        ("garbage, 198.51.100.9", "198.51.100.9"),
        # Every hop is one of ours: the peer is the client.
        ("10.0.0.3, 10.0.0.4", PROXY),
    ],
)
def test_behind_a_trusted_proxy_the_client_is_the_rightmost_hop_not_ours(
    behind_proxies: None, forwarded: str, expected: str
) -> None:
    environ = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": forwarded}

    assert client_address_from_environ(environ) == expected
    assert through_guard(dict(environ)) == expected


@pytest.mark.parametrize(
    "forwarded",
    [
        "198.51.100.9, garbage",
        "unknown",
        ",,,",
        "198.51.100.9:443",
        "[2001:db8::1]",
        "198.51.100.9 10.0.0.4",
        " 198.51.100.9, 10.0.0.4:80",
    ],
)
def test_a_malformed_hop_before_an_outsider_means_the_peer_is_the_client(
    behind_proxies: None, forwarded: str
) -> None:
    environ = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": forwarded}

    assert client_address_from_environ(environ) == PROXY


@pytest.mark.parametrize("remote", ["198.51.100.77", "2001:db8::77", "", "not-an-address"])
def test_a_forged_forwarded_header_from_an_untrusted_peer_is_ignored(
    behind_proxies: None, remote: str
) -> None:
    environ = {"REMOTE_ADDR": remote, "HTTP_X_FORWARDED_FOR": "203.0.113.1"}

    assert through_guard(environ) == remote


def test_with_no_trusted_proxies_even_a_private_peer_cannot_forward(settings: Settings) -> None:
    settings.TRUSTED_PROXIES = []
    environ = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "203.0.113.1"}

    assert through_guard(environ) == PROXY


@pytest.mark.parametrize(
    ("remote", "forwarded", "expected"),
    [
        ("203.0.113.7", "", "203.0.113.7"),  # no proxy
        ("198.51.100.77", "203.0.113.1", "198.51.100.77"),  # forged, dropped
        (PROXY, "203.0.113.1", "203.0.113.1"),  # a hop behind our proxy
        (PROXY, "10.0.0.4", PROXY),  # every hop ours
        (PROXY, "garbage", PROXY),
        ("2001:db8::77", "", "2001:db8::77"),
        ("not-an-address", "", "not-an-address"),
        ("", "", ""),
    ],
)
def test_the_guard_keeps_the_judged_address_and_the_same_address_parsed(
    behind_proxies: None, remote: str, forwarded: str, expected: str
) -> None:
    environ = {"REMOTE_ADDR": remote, "HTTP_X_FORWARDED_FOR": forwarded}

    ProxyHeaderGuard(lambda environ, start_response: [b""])(environ, lambda *args: None)

    assert environ[CLIENT_ADDRESS] == expected
    assert environ[CLIENT_IP] == parse_address(expected)


# --- parsing and networks ---------------------------------------------------------------
@pytest.mark.parametrize(
    ("raw", "networks", "expected"),
    [
        ("10.1.2.3", OURS, True),
        ("192.0.2.1", OURS, False),
        ("2001:db8::5", [ipaddress.ip_network("2001:db8::/32")], True),
        ("2001:db8::5", OURS, False),
        ("10.1.2.3", [], False),
        ("", OURS, False),
        ("not-an-address", OURS, False),
        (" 10.1.2.3", OURS, False),  # not trimmed: REMOTE_ADDR never has spaces
    ],
)
def test_an_address_is_inside_a_network_only_when_it_parses(
    raw: str, networks: list[Any], expected: bool
) -> None:
    assert in_networks(raw, networks) is expected


def test_parsing_gives_the_address_or_none() -> None:
    assert parse_address("203.0.113.7") == ipaddress.ip_address("203.0.113.7")
    assert parse_address("2001:DB8::1") == ipaddress.ip_address("2001:db8::1")
    assert parse_address("203.0.113.7 ") is None
    assert parse_address("") is None


# --- the keyed hash ---------------------------------------------------------------------
@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("203.0.113.7", "203.0.113.7"),
        ("2001:db8:1:2::1", "2001:db8:1:2::/64"),
        ("2001:DB8:1:2:ffff::9", "2001:db8:1:2::/64"),
        ("fe80::1%eth0", "fe80::/64"),
        ("", "unknown"),
        ("garbage", "unknown"),
        (" 203.0.113.7", "unknown"),
    ],
)
def test_an_ipv6_address_is_keyed_by_its_64_and_an_ipv4_address_by_itself(
    raw: str, expected: str
) -> None:
    assert address_for_key(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("203.0.113.7", KEY_IPV4),
        ("2001:db8:1:2::1", KEY_IPV6_NETWORK),
        ("2001:db8:1:2:ffff::9", KEY_IPV6_NETWORK),
        ("2001:db8:1:3::1", KEY_OTHER_IPV6_NETWORK),
        ("", KEY_UNKNOWN),
        ("garbage", KEY_UNKNOWN),
    ],
)
def test_the_keyed_hash_of_an_address_is_unchanged(
    behind_proxies: None, raw: str, expected: str
) -> None:
    assert address_key(raw) == expected
    assert client_key(RequestFactory().get("/", REMOTE_ADDR=raw)) == expected


def test_a_client_behind_our_proxy_has_the_key_of_its_own_address(behind_proxies: None) -> None:
    request = RequestFactory().get(
        "/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.7, 10.0.0.4"
    )

    assert client_key(request) == KEY_IPV4


def test_the_key_depends_on_the_secret_key(behind_proxies: None, settings: Settings) -> None:
    settings.SECRET_KEY = FIXED_SECRET + " rotated"

    assert address_key("203.0.113.7") != KEY_IPV4
    assert len(address_key("203.0.113.7")) == 64
