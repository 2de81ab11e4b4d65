"""Three layout detectors that run inside a page: sideways scrolling, overlapping
text and a focused control without a visible focus indicator.

Each returns a list of short, human-readable findings (empty when the page is
sound), so a failing test can say what is wrong and where without a screenshot.
"""

from __future__ import annotations

from typing import Any, cast

from playwright.sync_api import Page

# Text closer than this in both axes is taken as touching, not overlapping: glyph
# boxes of adjacent lines may meet by a pixel where line-height is tight.
OVERLAP_TOLERANCE_PX = 2
# Minimum thickness of a focus outline, as WCAG 2.4.13's "at least 2 CSS pixels".
MIN_OUTLINE_PX = 2
MAX_TAB_PRESSES = 200

# Describes an element in a few words: tag, then its accessible-ish name.
_DESCRIBE_JS = """
const describe = (el) => {
  const name = (el.getAttribute('aria-label') || el.innerText || el.value || el.name || '')
    .replace(/\\s+/g, ' ').trim().slice(0, 40);
  return `<${el.tagName.toLowerCase()}> "${name}"`;
};
"""

_SIDEWAYS_JS = (
    "() => {"
    + _DESCRIBE_JS
    + """
  const width = window.innerWidth;
  if (document.scrollingElement.scrollWidth <= width) return [];
  // An element past the edge is harmless when a scroll box that fits holds it: one
  // on its containing-block chain (an absolutely placed child escapes every box
  // until a positioned one, a fixed one escapes them all).
  const heldInside = (el) => {
    let position = getComputedStyle(el).position;
    for (let box = el.parentElement; box && box !== document.body; box = box.parentElement) {
      if (position === 'fixed') return false;
      const style = getComputedStyle(box);
      const positioned = style.position !== 'static' || style.transform !== 'none';
      if (position === 'absolute' && !positioned) continue;
      if (style.overflowX !== 'visible' && box.getBoundingClientRect().right <= width + 1) {
        return true;
      }
      position = style.position;
    }
    return false;
  };
  // Name the innermost elements that stick out: their ancestors only carry them.
  const out = [...document.body.querySelectorAll('*')]
    .filter(el => el.getBoundingClientRect().right > width + 1 && !heldInside(el));
  const innermost = out.filter(el => !out.some(other => other !== el && el.contains(other)));
  const scrollWidth = document.scrollingElement.scrollWidth;
  return [`${scrollWidth} px wide in a ${width} px viewport`]
    .concat(innermost.slice(0, 5).map(el =>
      `${describe(el)} reaches ${Math.round(el.getBoundingClientRect().right)} px`));
}
"""
)

_OVERLAP_JS = (
    "(tolerance) => {"
    + _DESCRIBE_JS
    + """
  // The box an element's text can actually be seen in: its ancestors that clip
  // their overflow cut the text's rectangle down (a 1 px visually-hidden label
  // leaves nothing; a scrolled table keeps only the part in view).
  const clipOf = (el) => {
    let box = {left: -Infinity, top: -Infinity, right: Infinity, bottom: Infinity};
    for (let node = el; node && node !== document.documentElement; node = node.parentElement) {
      const style = getComputedStyle(node);
      const clips = style.overflowX !== 'visible' || style.overflowY !== 'visible'
        || style.clip !== 'auto' || style.clipPath !== 'none';
      if (!clips) continue;
      const r = node.getBoundingClientRect();
      box = {left: Math.max(box.left, r.left), top: Math.max(box.top, r.top),
             right: Math.min(box.right, r.right), bottom: Math.min(box.bottom, r.bottom)};
    }
    return box;
  };
  const seen = (el) => el.checkVisibility({opacityProperty: true, visibilityProperty: true,
                                           contentVisibilityAuto: true});
  const pieces = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const el = node.parentElement;
    const text = node.textContent.replace(/\\s+/g, ' ').trim();
    if (!text || !el || !seen(el)) continue;
    const clip = clipOf(el);
    const range = document.createRange();
    range.selectNodeContents(node);
    for (const r of range.getClientRects()) {
      const box = {left: Math.max(r.left, clip.left), top: Math.max(r.top, clip.top),
                   right: Math.min(r.right, clip.right), bottom: Math.min(r.bottom, clip.bottom)};
      if (box.right - box.left > tolerance && box.bottom - box.top > tolerance) {
        pieces.push({el, box, text: text.slice(0, 30)});
      }
    }
  }
  const found = [];
  for (let i = 0; i < pieces.length; i++) {
    for (let j = i + 1; j < pieces.length; j++) {
      const a = pieces[i], b = pieces[j];
      if (a.el.contains(b.el) || b.el.contains(a.el)) continue;
      const dx = Math.min(a.box.right, b.box.right) - Math.max(a.box.left, b.box.left);
      const dy = Math.min(a.box.bottom, b.box.bottom) - Math.max(a.box.top, b.box.top);
      if (dx > tolerance && dy > tolerance) {
        const line = `"${a.text}" (${describe(a.el)}) overlaps "${b.text}" (${describe(b.el)})`;
        if (!found.includes(line)) found.push(line);
      }
    }
  }
  return found;
}
"""
)

_FOCUS_STATE_JS = (
    "(minOutline) => {"
    + _DESCRIBE_JS
    + """
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const style = getComputedStyle(el);
  const outlined = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= minOutline;
  const shadowed = style.boxShadow !== 'none';
  // Number each control the first time it is focused, without touching the DOM.
  window.layoutTabbed = window.layoutTabbed || new Map();
  if (!window.layoutTabbed.has(el)) window.layoutTabbed.set(el, window.layoutTabbed.size + 1);
  return {key: window.layoutTabbed.get(el), label: describe(el), shown: outlined || shadowed};
}
"""
)


def sideways_scrolling(page: Page) -> list[str]:
    """The page's width beyond the viewport and the elements that cause it."""
    return cast(list[str], page.evaluate(_SIDEWAYS_JS))


def overlapping_text(page: Page) -> list[str]:
    """Pairs of visible text from different elements whose boxes intersect."""
    return cast(list[str], page.evaluate(_OVERLAP_JS, OVERLAP_TOLERANCE_PX))


def missing_focus_rings(page: Page) -> list[str]:
    """Tab through every control once; name those focused without an indicator.

    The walk ends when focus comes back to the first control or leaves the page
    (the body holds it again), or after ``MAX_TAB_PRESSES``. Call it on a freshly
    loaded page, so the walk starts from the top.
    """
    missing: list[str] = []
    first: int | None = None
    for _press in range(MAX_TAB_PRESSES):
        page.keyboard.press("Tab")
        state = cast(dict[str, Any] | None, page.evaluate(_FOCUS_STATE_JS, MIN_OUTLINE_PX))
        if state is None or state["key"] == first:
            break
        first = first or cast(int, state["key"])
        if not state["shown"]:
            missing.append(cast(str, state["label"]))
    return missing
