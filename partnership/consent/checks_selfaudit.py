"""Self-audit checks of the cookie promises (P9-P12), registered from
ConsentConfig.ready(): every cookie declared and none personal, the public forms work
without cookies, browser signals object, research tags wait for opt-in."""

from __future__ import annotations

from django.conf import settings
from django.urls import Resolver404, resolve

from partnership.consent import cookies, state
from partnership.consent.research import research_partners
from partnership.core.csrf import is_cookieless_form
from partnership.core.middleware import content_security_policy
from partnership.core.selfaudit import Check, CheckResult, register_checks

# The forms that must work with cookies off (docs/forms-without-cookies.md).
COOKIELESS_PATHS = ("/offers/", "/complaints/", "/privacy/cookies/", "/apply/")
# Words a cookie's declared contents must never mention: it would hold personal data.
PERSONAL_WORDS = ("name", "e-mail", "email", "address", "postcode", "phone", "birth")


def cookies_declared() -> CheckResult:
    declared = cookies.first_party_by_name()
    set_by_django = {"session": settings.SESSION_COOKIE_NAME, "CSRF": settings.CSRF_COOKIE_NAME}
    undeclared = [label for label, name in set_by_django.items() if name not in declared]
    personal = [
        decl.name
        for decl in cookies.declared()
        if any(word in decl.holds.lower().replace("no identifier", "") for word in PERSONAL_WORDS)
    ]
    if undeclared or personal:
        return CheckResult(
            False,
            f"cookies Django sets but the registry lacks: {undeclared or 'none'}; "
            f"declared contents mentioning personal data: {personal or 'none'}",
        )
    return CheckResult(
        True, f"{len(cookies.declared())} cookies declared; none holds personal data"
    )


def cookieless_forms_marked() -> CheckResult:
    unmarked = []
    for path in COOKIELESS_PATHS:
        try:
            match = resolve(path)
        except Resolver404:
            unmarked.append(f"{path} (no such page)")
            continue
        if not is_cookieless_form(match.func):
            unmarked.append(path)
    if unmarked:
        return CheckResult(False, f"forms that need a cookie but must not: {', '.join(unmarked)}")
    return CheckResult(
        True, f"{len(COOKIELESS_PATHS)} forms accept same-origin posts without cookies"
    )


def browser_signal_objects() -> CheckResult:
    wrong = [
        header
        for header in ("Sec-GPC", "DNT")
        if state.consent_state_from(cookie_value=None, headers={header: "1"}).may_count_statistics
    ]
    if wrong:
        return CheckResult(False, f"statistics still counted with {', '.join(wrong)}: 1")
    return CheckResult(True, "Sec-GPC: 1 and DNT: 1 each object to statistics")


def research_only_after_opt_in() -> CheckResult:
    partners = research_partners()
    cases = {"no choice": {}, "Sec-GPC": {"Sec-GPC": "1"}}
    loading = [
        case
        for case, headers in cases.items()
        if state.consent_state_from(cookie_value=None, headers=headers).may_load_research
    ]
    if loading or "script-src" in content_security_policy():
        return CheckResult(
            False, f"research tags would load without opt-in: {', '.join(loading) or 'CSP'}"
        )
    return CheckResult(
        True, f"{len(partners)} research partner(s); without opt-in no tag and no script-src"
    )


CHECKS = (
    Check(
        "P9.cookies-declared",
        "P9",
        "Every cookie the site sets is declared; none holds personal data",
        cookies_declared,
    ),
    Check(
        "P10.cookieless-forms",
        "P10",
        "The public forms work with cookies off",
        cookieless_forms_marked,
    ),
    Check(
        "P11.browser-signal-objects",
        "P11",
        "Sec-GPC and DNT count as objection to statistics",
        browser_signal_objects,
    ),
    Check(
        "P12.research-after-opt-in",
        "P12",
        "Research partners' tags load only after opt-in",
        research_only_after_opt_in,
    ),
)


def register() -> None:
    register_checks(CHECKS)
