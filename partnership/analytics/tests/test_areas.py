from __future__ import annotations

import pytest

from partnership.analytics.areas import area_for_path
from partnership.analytics.beacon import referrer_domain


@pytest.mark.parametrize(
    ("path", "area"),
    [
        ("/", "/"),
        ("/card/", "/card/"),
        ("/privacy/versions/3/", "/privacy/"),
        ("/privacy/cookies/", "/privacy/"),
        ("/offers/", "/offers/"),
        ("/apply/step/2/", "/apply/"),
        ("/something-new/", "/"),
        ("/account/", None),
        ("/account/login/", None),
        ("/staff/analytics/", None),
    ],
)
def test_pages_belong_to_the_longest_matching_area(path: str, area: str | None) -> None:
    assert area_for_path(path) == area


@pytest.mark.parametrize(
    ("referer", "domain"),
    [
        ("https://www.search.example/q?card=4123450000000000", "search.example"),
        ("https://News.Example.co.uk:8443/a/b", "news.example.co.uk"),
        ("http://testserver/card/", None),
        ("https://localhost/", None),
        ("android-app://com.example.app/", None),
        ("not a url", None),
        ("", None),
    ],
)
def test_only_an_outside_referrers_host_is_kept(referer: str, domain: str | None) -> None:
    assert referrer_domain(referer, own_hosts=["testserver", "localhost"]) == domain
