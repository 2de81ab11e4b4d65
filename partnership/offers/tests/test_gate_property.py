"""Property: whatever text is typed, the gate never fails with a 500, only a 6-digit ASCII
BIN inside CARD_BIN_RANGES unlocks, and the page depends on the verdict alone — so what
was typed never appears in it."""

from __future__ import annotations

import re

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from partnership.core.models import RateLimitCounter
from partnership.offers.gate import Verdict, digits_verdict
from partnership.offers.tests.support import FULL_TEXT_MARK

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("running_offer")]

URL = "/offers/"
SAME_ORIGIN = {"Sec-Fetch-Site": "same-origin"}
# One example per verdict, whose page every other input with that verdict must equal.
CANONICAL: dict[Verdict, str] = {
    Verdict.UNLOCKED: "412345",
    Verdict.EMPTY: "",
    Verdict.SPACES: "1 2",
    Verdict.SIGNS: "+1",
    Verdict.OTHER_DIGITS: "４",
    Verdict.NOT_DIGITS: "x",
    Verdict.TOO_SHORT: "1",
    Verdict.TOO_LONG: "1234567",
    Verdict.NOT_OUR_CARD: "999999",
}
_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')

unicode_digits = st.characters(categories=["Nd"]).filter(lambda c: not c.isascii())
typed = st.one_of(
    st.text(),
    st.text(alphabet="0123456789", min_size=0, max_size=12),
    st.integers(min_value=100000, max_value=999999).map(str),
    st.sampled_from(["412345", "412399", "412370", "535500", "412344", "412400", "535501"]),
    st.text(alphabet=unicode_digits, min_size=1, max_size=8),
    st.lists(st.one_of(st.sampled_from("0123456789"), unicode_digits), max_size=8).map("".join),
    st.builds(
        lambda pad, digits, end: pad + digits + end,
        st.text(alphabet=" \t\n\r\u00a0\u2003\u3000", max_size=3),
        st.text(alphabet="0123456789", min_size=6, max_size=6),
        st.text(alphabet=" \t\n\u00a0", max_size=3),
    ),
    st.text(alphabet="0123456789+-−＋－ ", max_size=10),
    st.text(min_size=1000, max_size=20_000),
    st.text(alphabet="0123456789", min_size=7, max_size=5000),
)


def expected_unlock(text: str) -> bool:
    if re.fullmatch(r"[0-9]{6}", text, flags=re.ASCII) is None:
        return False
    number = int(text)
    return 412345 <= number <= 412399 or number == 535500


def page(text: str) -> tuple[int, str, str]:
    # Each example starts with a clean slate, wherever the limiter keeps its counts.
    RateLimitCounter.objects.all().delete()
    if django_settings.REDIS_URL:
        cache.clear()
    response = Client().post(URL, {"first_six": text}, headers=SAME_ORIGIN)
    body = response.content.decode()
    # The page's own part (banners and the like around it may carry tokens of their own).
    main = body[body.index('<main id="main"') : body.index("</main>")]
    return response.status_code, _TOKEN.sub("", main), body


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(typed)
def test_any_text_gets_a_4xx_or_the_offers_and_is_never_shown_back(text: str) -> None:
    status, main, body = page(text)

    unlocked = FULL_TEXT_MARK in main
    assert status in (200, 400)
    assert unlocked == expected_unlock(text) == (status == 200)
    assert (status, main) == page(CANONICAL[digits_verdict(text)])[:2]
    for digits in re.findall(r"[0-9]{6}", text):
        assert digits not in body
    if len(text) >= 6 and text not in page("x")[2]:
        assert text not in body
