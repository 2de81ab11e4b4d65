"""The stylesheet's colour tokens meet WCAG 2.2 AA for every pair the site uses.

The pairs are declared in the stylesheet's opening comment ("pair: FG on BG text|ui");
each is checked in the light scheme and in the dark one (prefers-color-scheme).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

CSS = Path(__file__).resolve().parents[2] / "static" / "css" / "site.css"
TEXT_MINIMUM = 4.5  # WCAG 1.4.3, ordinary text
UI_MINIMUM = 3.0  # WCAG 1.4.11, focus rings, borders of controls


def _block(css: str, opening: str) -> str:
    start = css.index(opening) + len(opening)
    return css[start : css.index("}", start)]


def _tokens(block: str) -> dict[str, str]:
    return dict(re.findall(r"(--c-[a-z-]+):\s*(#[0-9a-fA-F]{6});", block))


def _schemes() -> dict[str, dict[str, str]]:
    css = CSS.read_text(encoding="utf-8")
    light = _tokens(_block(css, ":root {"))
    dark_media = css[css.index("@media (prefers-color-scheme: dark)") :]
    dark = {**light, **_tokens(_block(dark_media, ":root {"))}
    return {"light": light, "dark": dark}


def _pairs() -> list[tuple[str, str, str]]:
    css = CSS.read_text(encoding="utf-8")
    return re.findall(r"pair: (--c-[a-z-]+) on (--c-[a-z-]+) (text|ui)", css)


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_contrast_formula_matches_known_values() -> None:
    assert round(contrast("#000000", "#ffffff"), 2) == 21.0
    assert round(contrast("#767676", "#ffffff"), 2) == 4.54
    assert contrast("#ffffff", "#ffffff") == 1.0


def test_the_stylesheet_declares_the_pairs_and_both_schemes_define_every_token() -> None:
    pairs = _pairs()
    assert len(pairs) == 18
    schemes = _schemes()
    dark_own = _tokens(
        _block(
            CSS.read_text(encoding="utf-8").split("@media (prefers-color-scheme: dark)")[1],
            ":root {",
        )
    )
    used = {token for fg, bg, _kind in pairs for token in (fg, bg)}
    assert used <= set(schemes["light"])
    assert used <= set(dark_own)  # dark mode redefines every colour a pair uses


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(("foreground", "background", "kind"), _pairs())
def test_every_declared_pair_meets_wcag_aa(
    scheme: str, foreground: str, background: str, kind: str
) -> None:
    tokens = _schemes()[scheme]
    ratio = contrast(tokens[foreground], tokens[background])
    minimum = TEXT_MINIMUM if kind == "text" else UI_MINIMUM

    assert ratio >= minimum, f"{foreground} on {background} ({scheme}): {ratio:.2f}:1"
