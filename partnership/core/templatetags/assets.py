"""``{% asset "css/site.css" %}``: the static URL, looked up once per process.

Django's ``{% static %}`` asks the manifest storage on every render; static files do
not change while a process runs, so the answer is cached.
"""

from __future__ import annotations

from functools import lru_cache

from django import template
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.signals import setting_changed

register = template.Library()


@lru_cache(maxsize=256)
def _asset_url(path: str) -> str:
    return staticfiles_storage.url(path)


def _forget(**kwargs: object) -> None:
    _asset_url.cache_clear()


setting_changed.connect(_forget, dispatch_uid="core.assets.forget")


@register.simple_tag
def asset(path: str) -> str:
    return _asset_url(path)
