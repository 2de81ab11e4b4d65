from __future__ import annotations

from django.template import Context, Template


def test_asset_tag_gives_the_static_url() -> None:
    rendered = Template("{% load assets %}{% asset 'css/site.css' %}").render(Context())

    assert rendered == "/static/css/site.css"
