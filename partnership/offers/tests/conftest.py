from __future__ import annotations

import pytest

from partnership.offers.models import Offer
from partnership.offers.tests.support import offer_make


@pytest.fixture
def running_offer(db: None) -> Offer:
    return offer_make()
