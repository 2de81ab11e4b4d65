"""Demo policy versions: two, so the version list and its diff have something to show."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from partnership.policy.models import PolicyVersion
from partnership.policy.services import policy_publish

_TEXT = Path(__file__).parent / "policy_text"

DEMO_VERSIONS = (
    ("v1.md", dt.date(2026, 1, 5), "First version for the new website."),
    (
        "v2.md",
        dt.date(2026, 6, 19),
        "Adds the electronic complaints form and explains how we acknowledge complaints.",
    ),
)


def seed_policy_versions() -> list[str]:
    if PolicyVersion.objects.exists():
        return []
    for filename, effective_from, summary in DEMO_VERSIONS:
        policy_publish(
            summary=summary,
            body=(_TEXT / filename).read_text(encoding="utf-8"),
            effective_from=effective_from,
        )
    return [f"Published {len(DEMO_VERSIONS)} demo privacy policy versions."]
