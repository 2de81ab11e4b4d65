"""Running Python against a benchmark's own local-mode database, in a subprocess.

The in-process benchmarks (``account_page``, ``subject_export``) each keep a SQLite
database and a ``VAR_DIR`` of their own under ``var/bench/``. Their subprocesses get
the developer's environment without anything that would point them elsewhere: no
``REDIS_URL``, and no key or checkpoint setting, so local mode makes its own under
that ``VAR_DIR``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from bench.result import BenchError
from bench.server import REPO

_DROPPED = (
    "REDIS_URL",
    "FIELD_ENCRYPTION_KEYS",
    "BLIND_INDEX_KEY",
    "CARD_DATA_KEYS",
    "CARD_INDEX_KEYS",
    "AUDIT_CHECKPOINT_DIR",
)


def environment(database: Path, var_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=f"sqlite:///{database}",
        HTTPS="off",
        VAR_DIR=str(var_dir),
        DJANGO_SETTINGS_MODULE="partnership.settings",
    )
    for name in _DROPPED:
        env.pop(name, None)
    return env


def python(env: dict[str, str], *args: str) -> str:
    """``python *args`` in the repository with ``env``; its output, or a BenchError
    with the last lines of what it printed."""
    done = subprocess.run(
        [sys.executable, *args], cwd=REPO, env=env, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        tail = (done.stderr or done.stdout).strip().splitlines()[-5:]
        raise BenchError(f"{' '.join(args[:2])} failed: " + " | ".join(tail))
    return done.stdout
