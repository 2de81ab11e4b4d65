"""A start-up check: ``PAYMENT_PROVIDER`` names a provider the site has, so a payment
page never fails for want of one."""

from __future__ import annotations

from typing import Any

from django.core.checks import Error

from partnership.payments.provider import PROVIDERS, provider_name


def payment_provider_known(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    name = provider_name()
    if name in PROVIDERS:
        return []
    return [
        Error(
            f"PAYMENT_PROVIDER is {name!r}; the providers this site has are "
            f"{', '.join(sorted(PROVIDERS))}.",
            id="payments.E001",
        )
    ]
