"""Self-audit checks of the public site, registered from PublicConfig.ready(): no IP
address in any plain column (P1) and the help page (P14)."""

from __future__ import annotations

from django.conf import settings
from django.template import RequestContext
from django.template.loader import get_template
from django.template.loader_tags import BlockNode
from django.test import RequestFactory
from django.utils.html import strip_tags

from partnership.core.selfaudit import Check, CheckResult, register_checks
from partnership.privacy.column_scan import (
    Finding,
    all_models,
    findings_evidence,
    has_ip_address,
    scan_columns,
)
from partnership.public.well_known import security_txt_expires, security_txt_expires_soon

TEMPLATE = "public/help.html"

RECORDING_NOTICE = "calls may be recorded"


def no_ip_in_database() -> CheckResult:
    models = all_models()
    findings: list[Finding] = []
    for model in models:
        findings.extend(scan_columns(model, {"IP address": has_ip_address}))
    scanned = f"the plain text columns of {len(models)} tables (every row)"
    return CheckResult(not findings, findings_evidence(findings, scanned=scanned))


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


def security_txt_in_date() -> CheckResult:
    expires = security_txt_expires().date().isoformat()
    if security_txt_expires_soon():
        return CheckResult(
            False, f"security.txt expires on {expires}, within 30 days: renew SECURITY_TXT_EXPIRES"
        )
    return CheckResult(True, f"security.txt expires on {expires}, more than 30 days away")


CHECKS = (
    Check("P1.no-ip-in-database", "P1", "No IP address in any plain column", no_ip_in_database),
    Check(
        "P14.help-page",
        "P14",
        "The help page gives the helpline and says calls may be recorded",
        help_page_states_helpline,
    ),
    Check(
        "P6.security-txt-expiry",
        "P6",
        "/.well-known/security.txt does not expire within 30 days",
        security_txt_in_date,
    ),
)


def register() -> None:
    register_checks(CHECKS)
