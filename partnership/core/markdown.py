"""Markdown to HTML for text staff write (policy versions, offers)."""

from __future__ import annotations

from markdown_it import MarkdownIt

# CommonMark with raw HTML switched off: whatever the author types, the output holds
# only the tags Markdown itself produces, and links with unsafe schemes are dropped.
_markdown = MarkdownIt("commonmark", {"html": False}).enable("table")


def markdown_render(*, body: str) -> str:
    html: str = _markdown.render(body)
    return html
