"""Port of ``src/analyzer/cspParser.js`` of ``@mdn/mdn-http-observatory`` 1.4.8.

``parseCsp``, ``parseCspMeta``, ``pathPartMatch``: ``parse_csp``, ``parse_csp_meta``,
``_path_part_match``.

Paths are inside the npm tarball, i.e. below ``package/``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tests.security.observatory.js import (
    _JS_WS_SPLIT,
    _collation_key,
    _decode_uri_component,
    _js_trim,
)

_SHORTEST_DIRECTIVE_LENGTH = len("img-src") - 1
_DIRECTIVES_DISALLOWED_IN_META = ("frame-ancestors", "report-uri", "sandbox")
_ALLOWED_DUPLICATE_KEYS = frozenset({"report-uri", "report-to"})
DUPLICATE_WARNINGS_KEY = "_observatory_duplicate_key_warnings"


class _CspSource:
    __slots__ = ("index", "keep", "source")

    def __init__(self, source: str, index: int, keep: bool) -> None:
        self.source = source
        self.index = index
        self.keep = keep


class CspParseError(ValueError):
    """Raised where ``parseCsp`` throws."""


def parse_csp(csp_list: Sequence[str]) -> dict[str, set[str]]:
    """Port of ``parseCsp``: directive -> set of (lower-cased) sources."""
    clean = [_js_trim(re.sub(r"[\r\n]", "", s)) for s in csp_list]
    if not clean:
        return {}
    for policy_string in clean:
        if not policy_string or len(policy_string) < _SHORTEST_DIRECTIVE_LENGTH:
            raise CspParseError(f"Invalid policy: {policy_string}")

    csp: dict[str, list[_CspSource]] = {}
    duplicate_warnings: list[str] = []

    for policy_index, policy in enumerate(clean):
        seen: set[str] = set()
        for entry in policy.split(";"):
            tokens = _JS_WS_SPLIT.split(_js_trim(entry))
            directive_entry, value_entries = tokens[0], tokens[1:]
            if not directive_entry:
                continue
            directive = directive_entry.lower()
            if directive in seen:
                if directive in _ALLOWED_DUPLICATE_KEYS:
                    if directive not in duplicate_warnings:
                        duplicate_warnings.append(directive)
                else:
                    raise CspParseError(f"Duplicate directive {directive} in policy {policy_index}")
            else:
                seen.add(directive)

            keep = policy_index == 0
            values: list[_CspSource] = []
            if value_entries:
                values = [
                    _CspSource(_js_trim(raw).lower(), policy_index, keep) for raw in value_entries
                ]
            elif directive.endswith("-src"):
                values = [_CspSource("'none'", policy_index, keep)]

            combined = values[:] if policy_index == 0 else [*csp.get(directive, []), *values]
            combined.sort(key=lambda s: _collation_key(s.source))
            for i in range(1, len(combined)):
                source = combined[i]
                prev = combined[i - 1]
                if source.index == prev.index and source.source.startswith(prev.source):
                    source.keep = False
                if source.index != prev.index and _path_part_match(prev.source, source.source):
                    source.keep = True
            csp[directive] = [s for s in combined if s.keep]

            if policy_index == 0 and len(csp_list) > 1:
                for s in csp[directive]:
                    s.keep = False

    final: dict[str, set[str]] = {
        directive: ({s.source for s in sources} if sources else {"'none'"})
        for directive, sources in csp.items()
    }
    if duplicate_warnings:
        final[DUPLICATE_WARNINGS_KEY] = set(duplicate_warnings)
    return final


def parse_csp_meta(csp_list: Sequence[str]) -> dict[str, set[str]]:
    """Port of ``parseCspMeta``: drops directives not allowed in ``<meta>``."""
    parsed = parse_csp(csp_list)
    for directive in _DIRECTIVES_DISALLOWED_IN_META:
        parsed.pop(directive, None)
    return parsed


def _path_part_match(path_a: str, path_b: str) -> bool:
    """Port of ``pathPartMatch``."""
    if len(path_a) == 0:
        return True
    if path_a == "/" and len(path_b) == 0:
        return True
    exact_match = not path_a.endswith("/")
    list_a = path_a.split("/")
    list_b = path_b.split("/")
    if len(list_a) > len(list_b):
        return False
    if exact_match and len(list_a) != len(list_b):
        return False
    if not exact_match:
        list_a.pop()
    for piece_a, piece_b in zip(list_a, list_b, strict=False):
        if _decode_uri_component(piece_a) != _decode_uri_component(piece_b):
            return False
    return True
