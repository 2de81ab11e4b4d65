"""The client's address, worked out in one place for the whole site.

Three questions, each answered here and nowhere else:

- **Is this peer one of our proxies?** ``in_networks(peer, TRUSTED_PROXIES)``:
  ``core.wsgi.ProxyHeaderGuard`` asks it (through ``client_address_judge``) before any
  forwarded header reaches the application, and drops them all when the answer is no.
  The address it judges is kept in the environ (``CLIENT_ADDRESS``), so every later
  question about the same request — the access log, the beacon, the limiter, the
  audit — reads that one answer instead of working it out again.
- **Who is the client?** ``client_address`` (a request) or
  ``client_address_from_environ`` (a WSGI environ): the peer, or, when a forwarded
  header got past the guard, the rightmost ``X-Forwarded-For`` hop that is not one of
  our proxies. Hops further left were written by whoever sent the request, so they
  are never read.
- **What stands for the client in a counter?** ``address_key`` (an address) or
  ``client_key`` (a request): a keyed HMAC of the address, an IPv6 address by its /64
  (one customer line usually holds a whole /64), never the address itself. The key is
  derived from ``SECRET_KEY`` with a purpose string of its own.

Addresses are parsed exactly as written, with no trimming: what a proxy or a server
puts in ``REMOTE_ADDR`` or a header either is an address or is not one.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.crypto import salted_hmac

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network

# The limiter's name for the key since before this module existed: a new string would
# give every client a new key, so each counter and block running at the time would
# start again from nothing.
_KEY_PURPOSE = "partnership.core.ratelimit.client-address"
UNKNOWN = "unknown"
# The environ key of the client's address as the proxy guard judged it. No client can
# set it: request headers reach the environ only under HTTP_ names.
CLIENT_ADDRESS = "partnership.client_address"
# Beside it, the same address parsed (None when it spells no address), so that code
# which needs the address itself, such as the beacon's country lookup, parses nothing.
CLIENT_IP = "partnership.client_ip"
_FORWARDED_HEADERS = ("HTTP_X_FORWARDED_PROTO", "HTTP_X_FORWARDED_FOR", "HTTP_FORWARDED")


def parse_address(raw: str) -> Address | None:
    """The address ``raw`` spells, or None when it spells none."""
    try:
        return ipaddress.ip_address(raw)
    except ValueError:
        return None


def in_networks(raw: str, networks: Iterable[Network]) -> bool:
    """Is ``raw`` an address inside one of ``networks``? False for anything unparsable."""
    return _within(parse_address(raw), networks)


def _within(address: Address | None, networks: Iterable[Network]) -> bool:
    return address is not None and any(address in network for network in networks)


def client_address(request: HttpRequest) -> str:
    """The client's address for a Django request (see ``client_address_from_environ``)."""
    return client_address_from_environ(request.META)


def client_address_from_environ(environ: Mapping[str, Any]) -> str:
    """The peer, or the rightmost ``X-Forwarded-For`` hop that is not a trusted proxy.

    The header is only present when the peer is a trusted proxy: the guard in
    ``core.wsgi`` removes it otherwise. A hop that is not an address means the chain
    cannot be followed, so the peer is the answer; so it is when every hop is ours.
    """
    judged = environ.get(CLIENT_ADDRESS)
    if judged is not None:
        return str(judged)
    return _client_address(environ, list(settings.TRUSTED_PROXIES))


def client_address_judge(environ: dict[str, Any], trusted: list[Network]) -> None:
    """Drop every forwarded header unless the peer is one of ``trusted``, then keep
    the client's address in ``environ[CLIENT_ADDRESS]`` (and parsed, in
    ``environ[CLIENT_IP]``): once per request."""
    remote = str(environ.get("REMOTE_ADDR", ""))
    peer = parse_address(remote)
    if not _within(peer, trusted):
        for header in _FORWARDED_HEADERS:
            environ.pop(header, None)
        environ[CLIENT_ADDRESS], environ[CLIENT_IP] = remote, peer
        return
    judged = _client_address(environ, trusted)
    environ[CLIENT_ADDRESS] = judged
    environ[CLIENT_IP] = peer if judged == remote else parse_address(judged)


def _client_address(environ: Mapping[str, Any], trusted: list[Network]) -> str:
    remote = str(environ.get("REMOTE_ADDR", ""))
    forwarded = str(environ.get("HTTP_X_FORWARDED_FOR", ""))
    if not forwarded:
        return remote
    for hop in reversed([part.strip() for part in forwarded.split(",") if part.strip()]):
        address = parse_address(hop)
        if address is None:
            return remote
        if not _within(address, trusted):
            return hop
    return remote


def address_for_key(raw: str) -> str:
    """What a client's key is made from: the IPv4 address, the IPv6 address's /64
    network (``2001:db8:1:2::/64``), or ``unknown`` when ``raw`` is no address."""
    address = parse_address(raw)
    if address is None:
        return UNKNOWN
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


def address_key(raw: str) -> str:
    """The keyed HMAC (64 hex digits) that stands for the address ``raw``."""
    return salted_hmac(_KEY_PURPOSE, address_for_key(raw), algorithm="sha256").hexdigest()


def client_key(request: HttpRequest) -> str:
    """The keyed HMAC that stands for the client of ``request``."""
    return address_key(client_address(request))
