"""What is wrong with the cookies a response sets, judged against the registry (P9).

A pure function of its inputs, so the WSGI layer can use it as well as the middleware
(``partnership.consent.middleware``), which applies it to every response.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from http.cookies import Morsel
from urllib.parse import unquote

from partnership.consent.cookies import SESSION, CookieDeclaration, first_party_by_name, https_mode


@dataclass(frozen=True)
class CookieViolation:
    name: str  # the cookie's name; never its value
    problem: str
    undeclared: bool = False


def _is_deletion(morsel: Morsel[str]) -> bool:
    max_age = str(morsel["max-age"]).strip()
    return max_age == "0" or (not morsel.value and "1970" in str(morsel["expires"]))


def _looks_personal(value: str) -> bool:
    # Values are random tokens or signed enums; an "@" can only be an e-mail address.
    return "@" in value or "@" in unquote(value)


def check_cookies(
    cookies: Mapping[str, Morsel[str]],
    *,
    registry: Mapping[str, CookieDeclaration] | None = None,
    https: bool | None = None,
) -> list[CookieViolation]:
    """What is wrong with the cookies a response sets: a pure function of its inputs.

    Checks each cookie's name against the registry and its attributes against its
    declaration: Secure in production mode, HttpOnly and SameSite as declared, a
    lifetime no longer than declared, Path=/ and no Domain (the ``__Host-`` rules).
    """
    if not cookies:
        return []  # most responses set none
    known = first_party_by_name() if registry is None else registry
    secure_required = https_mode() if https is None else https
    violations: list[CookieViolation] = []
    for name, morsel in cookies.items():
        declaration = known.get(name)
        if declaration is None:
            violations.append(CookieViolation(name, "not declared in the registry", True))
            continue
        if _is_deletion(morsel):
            continue
        problems = _attribute_problems(declaration, morsel, secure_required=secure_required)
        violations.extend(CookieViolation(name, problem) for problem in problems)
    return violations


def _attribute_problems(
    declaration: CookieDeclaration, morsel: Morsel[str], *, secure_required: bool
) -> list[str]:
    problems: list[str] = []
    if secure_required and not morsel["secure"]:
        problems.append("not Secure in production mode")
    if declaration.http_only and not morsel["httponly"]:
        problems.append("declared HttpOnly but set without it")
    same_site = str(morsel["samesite"]).strip().capitalize()
    allowed = {"Strict"} if declaration.same_site == "Strict" else {"Lax", "Strict"}
    if same_site not in allowed:
        problems.append(f"SameSite is {same_site or 'missing'}, declared {declaration.same_site}")
    if morsel["domain"]:
        problems.append("sets a Domain")
    if str(morsel["path"] or "/") != "/":
        problems.append("Path is not /")
    max_age = str(morsel["max-age"]).strip()
    if declaration.lifetime == SESSION:
        if max_age or morsel["expires"]:
            problems.append("declared for the session but given an expiry")
    elif max_age and int(max_age) > int(declaration.lifetime):
        problems.append(f"lives {max_age}s, longer than the declared {declaration.lifetime}s")
    elif not max_age and not morsel["expires"]:
        problems.append("declared with a lifetime but set for the session")
    if _looks_personal(morsel.value):
        problems.append("value looks like personal data")
    return problems
