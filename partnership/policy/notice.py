"""The living notice: tables generated from the running configuration (DESIGN §2).

``notice_snapshot`` collects what the tables say — the cookies in the registry, the
research partners, and what is kept for how long (the data inventory and the retention
rules) — as plain JSON; ``notice_render`` turns a snapshot into HTML. Publishing a
policy version stores both, with the registry revision, so a published version is
never re-rendered from a configuration that has since changed. The processor register's
public columns (service, data categories, location, transfer safeguard) are frozen the
same way; supplier names, contract dates and audit findings are not published.
"""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string

from partnership.compliance.processors.selectors import processor_public_rows
from partnership.consent import cookies
from partnership.consent.research import research_partners
from partnership.privacy import inventory, retention

CATEGORY_LABELS = {
    cookies.CookieCategory.STRICTLY_NECESSARY: "Strictly necessary",
    cookies.CookieCategory.PREFERENCES: "Preferences",
    cookies.CookieCategory.STATISTICS: "Statistics",
    cookies.CookieCategory.RESEARCH: "Research (only with your consent)",
}


def lifetime_text(lifetime: int | str) -> str:
    if lifetime == cookies.SESSION or isinstance(lifetime, str):
        return "Until you close the browser"
    units = ((365 * 86400, "year"), (86400, "day"), (3600, "hour"), (60, "minute"))
    for size, unit in units:
        if lifetime >= size and lifetime % size == 0:
            count = lifetime // size
            return f"{count} {unit}{'' if count == 1 else 's'}"
    return f"{lifetime} seconds"


def notice_snapshot() -> dict[str, Any]:
    """What the generated tables say now, as JSON-able data."""
    entries = inventory.registered()
    kept_by_rule = {entry.retention_rule for entry in entries}
    return {
        "registry_revision": cookies.registry_revision(),
        "cookies": [
            {
                **decl.as_public_dict(),
                "category_label": CATEGORY_LABELS[decl.category],
                "lifetime_text": lifetime_text(decl.lifetime),
                "set_by": decl.set_by,
            }
            for decl in cookies.declared()
        ],
        "research_partners": [
            {"name": partner.name, "origin": partner.origin, "does": partner.does}
            for partner in research_partners()
        ],
        "retention": [
            {
                "category": entry.category,
                "description": entry.description,
                "kept": _rule_description(entry.retention_rule),
            }
            for entry in entries
        ],
        "other_retention": [
            {"rule": rule.name, "kept": rule.description}
            for rule in retention.registered()
            if rule.name not in kept_by_rule
        ],
        "processors": processor_public_rows(),
    }


def _rule_description(name: str) -> str:
    rule = retention.rule_named(name)
    return rule.description if rule is not None else ""


def notice_render(snapshot: dict[str, Any]) -> str:
    html: str = render_to_string("policy/notice_tables.html", {"notice": snapshot})
    return html
