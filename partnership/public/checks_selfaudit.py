"""Self-audit check of the help page (P14), registered from PublicConfig.ready()."""

from __future__ import annotations

from django.conf import settings
from django.template import RequestContext
from django.template.loader import get_template
from django.template.loader_tags import BlockNode
from django.test import RequestFactory
from django.utils.html import strip_tags

from partnership.compliance.selfaudit.registry import Check, CheckResult, register_check

TEMPLATE = "public/help.html"

RECORDING_NOTICE = "calls may be recorded"


def help_page_states_helpline() -> CheckResult:
    # The page's own content block, rendered with the context a visitor's request gets
    # (the site frame needs collected static files, which a check must not depend on).
    template = get_template(TEMPLATE).template  # type: ignore[attr-defined]
    blocks = [n for n in template.nodelist.get_nodes_by_type(BlockNode) if n.name == "content"]
    if not blocks:
        return CheckResult(False, f"{TEMPLATE} has no content block")
    context = RequestContext(RequestFactory().get("/help/"))
    with context.bind_template(template):
        html = blocks[0].nodelist.render(context)
    text = " ".join(strip_tags(html).split()).lower()
    helpline = str(settings.BRAND["helpline"])
    missing = [
        label
        for label, phrase in (
            ("the helpline", helpline.lower()),
            ("the recording notice", RECORDING_NOTICE),
        )
        if not phrase or phrase not in text
    ]
    if missing:
        return CheckResult(False, f"/help/ lacks {' and '.join(missing)}")
    return CheckResult(True, "/help/ states the helpline and that calls may be recorded")


def register() -> None:
    register_check(
        Check(
            "P14.help-page",
            "P14",
            "The help page gives the helpline and says calls may be recorded",
            help_page_states_helpline,
        )
    )
