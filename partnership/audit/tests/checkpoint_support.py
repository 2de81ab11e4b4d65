"""Reading a checkpoint file back, for the checkpoint tests."""

from __future__ import annotations

import json
from pathlib import Path


def written(path: Path | None) -> dict[str, object]:
    assert path is not None
    document: dict[str, object] = json.loads(path.read_text())
    return document
