"""Port of ``src/analyzer/utils.js`` of ``@mdn/mdn-http-observatory`` 1.4.8 and Node header folding.

``getHttpHeaders`` / ``getFirstHttpHeader`` (``_Headers``) see headers after Node's ``http``
parser: repeated ``Set-Cookie`` headers stay a list, repeated ``Content-Type``/``Location``/...
keep the first value, and every other repeated header is joined with ``", "`` into one value.
``onlyIfWorse``: ``_only_if_worse``.

Paths are inside the npm tarball, i.e. below ``package/``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

# Node's IncomingMessage keeps only the first value of these headers.
_NODE_DROP_DUPLICATES = frozenset(
    {
        "age",
        "authorization",
        "content-length",
        "content-type",
        "etag",
        "expires",
        "from",
        "host",
        "if-modified-since",
        "if-unmodified-since",
        "last-modified",
        "location",
        "max-forwards",
        "proxy-authorization",
        "referer",
        "retry-after",
        "server",
        "user-agent",
    }
)


class _Headers:
    """Response headers as the JS analyzers see them (after Node + axios)."""

    def __init__(self, pairs: Iterable[tuple[str, str]]) -> None:
        self._values: dict[str, str | list[str]] = {}
        for raw_name, raw_value in pairs:
            name = raw_name.strip().lower()
            value = raw_value.strip(" \t")
            existing = self._values.get(name)
            if name == "set-cookie":
                if isinstance(existing, list):
                    existing.append(value)
                else:
                    self._values[name] = [value]
            elif existing is None:
                self._values[name] = value
            elif name in _NODE_DROP_DUPLICATES:
                continue
            elif isinstance(existing, str):
                self._values[name] = existing + ("; " if name == "cookie" else ", ") + value

    def all(self, name: str) -> list[str]:
        """``getHttpHeaders``."""
        value = self._values.get(name.lower())
        if value is None:
            return []
        if isinstance(value, list):
            return list(value)
        return [value]

    def first(self, name: str) -> str | None:
        """``getFirstHttpHeader``."""
        values = self.all(name)
        return values[0] if values else None


def _only_if_worse(new: str, old: str | None, order: Sequence[str]) -> str:
    """``onlyIfWorse`` (src/analyzer/utils.js)."""
    if not old:
        return new

    def index(result: str) -> int:
        return order.index(result) if result in order else -1

    return new if index(new) > index(old) else old
