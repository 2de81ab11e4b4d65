"""Each app may import only the apps to its left (docs/architecture.md)."""

from __future__ import annotations

import ast
from pathlib import Path

ORDER = [
    "core",
    "crypto",
    "audit",
    "privacy",
    "consent",
    "compliance",
    "policy",
    "analytics",
    "public",
    "offers",
    "accounts",
    "privacy_centre",
    "alerts",
    "cards",
    "payments",
    "applications",
    "inbox",
    "backoffice",
]
PACKAGE = Path(__file__).resolve().parent.parent / "partnership"


def imported_apps(source: Path) -> set[tuple[str, int]]:
    """The apps of ours that a file imports, with the line of each import."""
    tree = ast.parse(source.read_text(encoding="utf-8"), filename=str(source))
    found: set[tuple[str, int]] = set()
    for node in ast.walk(tree):
        names: list[str] = []
        if not isinstance(node, ast.Import | ast.ImportFrom):
            continue
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
            if node.module == "partnership":
                names = [f"partnership.{alias.name}" for alias in node.names]
        for name in names:
            parts = name.split(".")
            if parts[0] == "partnership" and len(parts) > 1 and parts[1] in ORDER:
                found.add((parts[1], node.lineno))
    return found


def violations() -> list[str]:
    found = []
    for app_dir in sorted(p for p in PACKAGE.iterdir() if p.is_dir() and p.name in ORDER):
        rank = ORDER.index(app_dir.name)
        for source in sorted(app_dir.rglob("*.py")):
            for app, line in sorted(imported_apps(source)):
                if ORDER.index(app) > rank:
                    found.append(f"{source.relative_to(PACKAGE.parent)}:{line} imports {app}")
    return found


def test_no_app_imports_an_app_to_its_right() -> None:
    assert violations() == []


def test_every_app_directory_is_in_the_order() -> None:
    apps = {p.name for p in PACKAGE.iterdir() if (p / "apps.py").exists()}

    assert apps - set(ORDER) == set()


def test_the_check_finds_a_wrong_way_import(tmp_path: Path) -> None:
    source = tmp_path / "bad.py"
    source.write_text(
        "import partnership.backoffice.views\nfrom partnership import cards\n"
        "from partnership.core import clock\nfrom . import sibling\n"
    )

    assert imported_apps(source) == {("backoffice", 1), ("cards", 2), ("core", 3)}


def test_installed_apps_follow_the_same_order() -> None:
    from django.conf import settings

    ours = [
        app.split(".")[1]
        for app in settings.INSTALLED_APPS
        if app.startswith("partnership.") and ".tests." not in app
    ]

    assert ours == sorted(ours, key=ORDER.index)
