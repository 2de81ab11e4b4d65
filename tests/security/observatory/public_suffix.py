"""Stand-in for ``tldts`` / the Public Suffix List used by ``@mdn/mdn-http-observatory`` 1.4.8.

``tldts`` (registrable domain in the SRI test, ``src/analyzer/tests/subresource-integrity.js``)
and ``tough-cookie`` (cookie ``Domain`` rejection) use the full Public Suffix List; this port
embeds only the ICANN rules of ``.uk`` and a few other common multi-label suffixes
(``_PUBLIC_SUFFIXES``), falling back to the PSL default rule (the last label is the suffix).
"""

from __future__ import annotations

import ipaddress

_PUBLIC_SUFFIXES = frozenset(
    {
        "ac.uk", "co.uk", "gov.uk", "ltd.uk", "me.uk", "net.uk", "nhs.uk", "org.uk",
        "plc.uk", "police.uk",
        "com.au", "net.au", "org.au", "edu.au", "gov.au", "asn.au", "id.au",
        "ac.nz", "co.nz", "govt.nz", "net.nz", "org.nz",
        "ac.za", "co.za", "gov.za", "net.za", "org.za",
        "co.in", "com.in", "net.in", "org.in", "gov.in",
        "ac.jp", "co.jp", "go.jp", "ne.jp", "or.jp",
        "com.br", "net.br", "org.br", "gov.br",
        "gov.ie",
    }
)  # fmt: skip
_PUBLIC_SUFFIX_WILDCARDS = frozenset({"sch.uk"})  # "*.sch.uk"


def _is_ip(host: str) -> bool:
    candidate = host[1:-1] if host.startswith("[") and host.endswith("]") else host
    try:
        ipaddress.ip_address(candidate)
    except ValueError:
        return False
    return True


def _is_ipv6(host: str) -> bool:
    candidate = host[1:-1] if host.startswith("[") and host.endswith("]") else host
    try:
        return isinstance(ipaddress.ip_address(candidate), ipaddress.IPv6Address)
    except ValueError:
        return False


def _registrable_domain(host: str) -> str | None:
    """``tldts`` ``parse(host).domain`` / ``getDomain(host)``: eTLD+1, or ``None``."""
    host = host.lower().rstrip(".")
    if not host or _is_ip(host):
        return None
    labels = host.split(".")
    suffix_len = 1
    for i in range(len(labels)):
        candidate = ".".join(labels[i:])
        if candidate in _PUBLIC_SUFFIXES:
            suffix_len = max(suffix_len, len(labels) - i)
        if i > 0 and candidate in _PUBLIC_SUFFIX_WILDCARDS:
            suffix_len = max(suffix_len, len(labels) - i + 1)
    if len(labels) <= suffix_len:
        return None
    return ".".join(labels[-(suffix_len + 1) :])
