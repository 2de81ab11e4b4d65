from __future__ import annotations

import pytest

from tests.production import migrated_production_env


@pytest.fixture(scope="session")
def prod_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The site in production mode (HTTPS=on), set up once for the whole run."""
    return migrated_production_env(tmp_path_factory)
