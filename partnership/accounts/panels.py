"""Panels of the customer's home page (/account/), registered by the apps that own them.

``accounts`` cannot import ``cards`` (it is to its right), so the card summary reaches
the home page the way inventory entries reach the privacy engines: ``cards`` registers
a panel from its ``AppConfig.ready()``::

    from partnership.accounts.panels import HomePanel, register_home_panel

    register_home_panel(
        HomePanel(
            name="card-summary",
            template="cards/_home_summary.html",
            context=lambda user: {"account": card_account_for(customer=user)},
            order=10,
        )
    )

Each panel's template is rendered with the request, ``user`` and its own context, and
placed in ``accounts/home.html`` inside ``<section id="panel-<name>">``, by ``order``
then name. A panel template starts with its own ``<h2>``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from partnership.accounts.models import User
from partnership.core.registry import Registry


@dataclass(frozen=True)
class HomePanel:
    name: str
    template: str
    context: Callable[[User], dict[str, Any]]
    order: int = 100


@dataclass(frozen=True)
class RenderedPanel:
    name: str
    html: SafeString


PANELS: Registry[HomePanel] = Registry("home panel", name=lambda panel: panel.name)
register_home_panel = PANELS.register


def home_panels_render(*, request: HttpRequest, user: User) -> list[RenderedPanel]:
    panels = sorted(PANELS.all(), key=lambda panel: (panel.order, panel.name))
    return [
        RenderedPanel(
            panel.name,
            render_to_string(panel.template, {"user": user, **panel.context(user)}, request),
        )
        for panel in panels
    ]
