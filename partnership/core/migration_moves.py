"""Migration helpers for a model that moves to another app and keeps its table.

The model's state moves with ``SeparateDatabaseAndState`` (no SQL); its content type
moves here, so the permissions that hang on it follow. Reversible.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations

CONTENT_TYPES_DEPENDENCY = ("contenttypes", "0002_remove_content_type_name")


def _relabel(apps: Any, *, old: str, new: str, models: tuple[str, ...]) -> None:
    content_type = apps.get_model("contenttypes", "ContentType")
    for model in models:
        if content_type.objects.filter(app_label=new, model=model).exists():
            continue  # already there (a fresh database makes them after migrating)
        content_type.objects.filter(app_label=old, model=model).update(app_label=new)


def content_types_moved(*, old: str, new: str, models: tuple[str, ...]) -> migrations.RunPython:
    """Move the content types of ``models`` (lower-case names) from app ``old`` to ``new``."""

    def forward(apps: Any, schema_editor: Any) -> None:
        _relabel(apps, old=old, new=new, models=models)

    def backward(apps: Any, schema_editor: Any) -> None:
        _relabel(apps, old=new, new=old, models=models)

    return migrations.RunPython(forward, backward)
