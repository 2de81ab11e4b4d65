"""JavaScript built-ins the sources of ``@mdn/mdn-http-observatory`` 1.4.8 rely on.

``String.prototype.trim``, ``parseInt``, ``decodeURIComponent`` and the ordering of
``Intl.Collator("en")`` that ``parseCsp`` (``src/analyzer/cspParser.js``) sorts sources with:
the ASCII ordering of that collator is reproduced in ``_COLLATION_ORDER`` (non-ASCII
characters sort after ASCII ones by code point).
"""

from __future__ import annotations

import math
import re

_JS_WHITESPACE = (
    "\t\n\v\f\r \u00a0\u1680"
    + "".join(chr(c) for c in range(0x2000, 0x200B))
    + "\u2028\u2029\u202f\u205f\u3000\ufeff"
)
_JS_WS_SPLIT = re.compile("[" + re.escape(_JS_WHITESPACE) + "]+")


def _js_trim(value: str) -> str:
    """``String.prototype.trim``."""
    return value.strip(_JS_WHITESPACE)


def _js_parse_int(value: str) -> float:
    """``parseInt(value, 10)``; returns ``math.nan`` where JS returns ``NaN``."""
    match = re.match(r"[+-]?[0-9]+", _js_trim(value))
    if match is None:
        return math.nan
    return float(int(match.group(0)))


def _decode_uri_component(value: str) -> str:
    """``decodeURIComponent``: raises ``ValueError`` where JS throws ``URIError``."""
    out: list[str] = []
    i = 0
    while i < len(value):
        if value[i] != "%":
            out.append(value[i])
            i += 1
            continue
        raw = bytearray()
        while i < len(value) and value[i] == "%":
            pair = value[i + 1 : i + 3]
            if len(pair) != 2 or not all(c in "0123456789abcdefABCDEF" for c in pair):
                raise ValueError("URI malformed")
            raw.append(int(pair, 16))
            i += 3
        try:
            out.append(raw.decode("utf-8"))
        except UnicodeDecodeError as exc:
            raise ValueError("URI malformed") from exc
    return "".join(out)


# Intl.Collator("en").compare order of the printable ASCII characters (upper case letters
# compare like their lower case counterparts at the primary level; CSP sources are lower-cased
# before sorting).
_COLLATION_ORDER = "_-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$0123456789abcdefghijklmnopqrstuvwxyz"
_COLLATION_RANK = {ch: rank for rank, ch in enumerate(_COLLATION_ORDER)}


def _collation_key(value: str) -> tuple[int, ...]:
    return tuple(_COLLATION_RANK.get(ch.lower(), len(_COLLATION_ORDER) + ord(ch)) for ch in value)
