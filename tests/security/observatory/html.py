"""HTML parsing of ``@mdn/mdn-http-observatory`` 1.4.8: ``src/retriever/utils.js`` and SRI.

Ports ``src/retriever/utils.js`` and the ``<script>`` query of
``src/analyzer/tests/subresource-integrity.js`` (``_DocumentParser.scripts``).
``parseHttpEquivHeaders`` (``<meta http-equiv="Content-Security-Policy">`` and ``<meta
name="referrer">``): ``_http_equiv``. ``jsdom`` is replaced by ``html.parser``; ``<template>``
contents and raw-text elements (``title``, ``textarea``, ...) are skipped like a DOM query
would. ``jsdom`` 26 throws (``html-not-parseable``) only on a CSS-parser bug that
``_style_attribute_crashes_jsdom`` emulates.

Paths are inside the npm tarball, i.e. below ``package/``.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from tests.security.observatory.js import _js_trim

_RAW_TEXT_ELEMENTS = frozenset(
    {"title", "textarea", "xmp", "iframe", "noembed", "noframes", "plaintext"}
)


_GROUPING_AT_RULE = re.compile(
    r"(media|supports|container|layer|starting-style|host|-[a-z0-9_]*-keyframes|keyframes)"
)


def _style_attribute_crashes_jsdom(style: str) -> bool:
    """Emulates a crash of jsdom 26's CSS parser (``rrweb-cssom``) on ``style`` attributes.

    ``new JSDOM(html)`` throws ``TypeError: Cannot read properties of undefined (reading
    'length')`` when a ``style`` attribute leaves a grouping at-rule block (``@media``,
    ``@supports``, ``@container``, ``@layer``, ``@keyframes``, ...) open at its end, e.g. the
    package's own fixture ``<div style="@media only screen{background-image: url(...)">``;
    the SRI test then reports ``html-not-parseable`` (and ``parseHttpEquivHeaders`` finds no
    ``<meta>``). Behaviour established empirically against jsdom 26.
    """
    stack: list[bool] = []
    pending_grouping = False
    i = 0
    while i < len(style):
        ch = style[i]
        if ch in "'\"":
            end = style.find(ch, i + 1)
            i = len(style) if end == -1 else end + 1
            continue
        if style.startswith("/*", i):
            end = style.find("*/", i + 2)
            i = len(style) if end == -1 else end + 2
            continue
        if ch == "@":
            match = re.match(r"[-a-zA-Z0-9_]*", style[i + 1 :])
            name = match.group(0) if match else ""
            if _GROUPING_AT_RULE.match(name):
                pending_grouping = True
            i += 1 + len(name)
            continue
        if ch == "{":
            stack.append(pending_grouping)
            pending_grouping = False
        elif ch == "}":
            if not stack:
                return False
            stack.pop()
        i += 1
    return any(stack)


class _DocumentParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.metas: list[dict[str, str]] = []
        self.scripts: list[dict[str, str]] = []
        self.jsdom_would_throw = False
        self._raw_text: str | None = None
        self._template_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs)
        if tag == "template":
            self._template_depth -= 1

    def _start(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._raw_text is not None:
            return
        if tag == "template":
            self._template_depth += 1
        attributes: dict[str, str] = {}
        for name, value in attrs:
            attributes.setdefault(name, value if value is not None else "")
        if _style_attribute_crashes_jsdom(attributes.get("style", "")):
            self.jsdom_would_throw = True
        if tag in _RAW_TEXT_ELEMENTS:
            self._raw_text = tag
            return
        if self._template_depth or tag == "template":
            return
        if tag == "meta":
            self.metas.append(attributes)
        elif tag == "script":
            self.scripts.append(attributes)

    def handle_endtag(self, tag: str) -> None:
        if self._raw_text is not None:
            if tag == self._raw_text:
                self._raw_text = None
            return
        if tag == "template" and self._template_depth:
            self._template_depth -= 1


def _parse_html(html: str) -> _DocumentParser:
    parser = _DocumentParser()
    parser.feed(html)
    parser.close()
    return parser


def _http_equiv(parser: _DocumentParser) -> dict[str, list[str]]:
    """Port of ``parseHttpEquivHeaders``."""
    result: dict[str, list[str]] = {"content-security-policy": []}
    if parser.jsdom_would_throw:  # JSDOM.fragment() throws; the error is logged and ignored
        return result
    for meta in parser.metas:
        if "http-equiv" in meta and "content" in meta:
            http_equiv = _js_trim(meta["http-equiv"].lower())
            content = meta["content"]
            if content and http_equiv == "content-security-policy":
                result["content-security-policy"].append(content)
        elif _js_trim(meta.get("name", "").lower()) == "referrer" and "name" in meta:
            content = meta.get("content", "")
            if content:
                result["referrer-policy"] = [content]
    return result
