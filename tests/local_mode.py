"""Loaded with ``-p`` before pytest-django starts Django: tests run in local mode.

Secrets and files go to a throwaway directory, never to the developer's ``var/``.
"""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("HTTPS", "off")
# Apps holding models that exist only for tests.
os.environ.setdefault("PARTNERSHIP_TEST_APPS", "partnership.crypto.tests.app")
os.environ.setdefault("VAR_DIR", tempfile.mkdtemp(prefix="partnership-test-"))
# WhiteNoise expects the collected-static directory to exist.
(Path(os.environ["VAR_DIR"]) / "static").mkdir(parents=True, exist_ok=True)
