"""The credit reference agency, behind a Protocol (STYLE.md §7).

``SandboxAgency`` is the local, deterministic agency used by default, in tests and in
demos. Its rules (docs/applications.md):

- surname ``DECLINE`` (any case): the file holds an insolvency record → the rules decline;
- surname ``REFER``: the agency cannot confirm the identity → the rules refer;
- anyone else: verified, no insolvency, and a score from income and outgoings:
  600, plus £1 of yearly income per 250 (at most +200), minus £1 of existing debt per
  100 (at most -300), minus 100 when housing and credit repayments take more than half
  of the gross monthly income; kept within 0-999.

A real agency implements ``CreditReferenceAgency``, is added to ``AGENCIES`` under a
short name and is chosen by the setting ``CREDIT_REFERENCE_AGENCY`` (default
``sandbox``). An unknown name stops start-up (``ApplicationsConfig.ready``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal
from typing import Protocol

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class AgencyApplicant:
    first_name: str
    last_name: str
    date_of_birth: dt.date
    postcodes: tuple[str, ...]  # three years of addresses, newest first
    annual_income: Decimal
    monthly_housing_cost: Decimal
    monthly_credit_repayments: Decimal
    existing_debt: Decimal


@dataclass(frozen=True)
class AgencyReport:
    reference: str  # the agency's id of this search (no personal data)
    identity_verified: bool
    insolvency: bool
    score: int  # 0-999


class CreditReferenceAgency(Protocol):
    def search(self, *, applicant: AgencyApplicant) -> AgencyReport:
        """A hard search of the applicant's credit file."""
        ...

    def quotation_search(self, *, applicant: AgencyApplicant) -> AgencyReport:
        """A quotation (soft) search: the person sees it on their file, other lenders
        never do, and it does not affect their score (the eligibility check)."""
        ...


def _clamp(value: int, low: int, high: int) -> int:
    return max(low, min(high, value))


def sandbox_score(applicant: AgencyApplicant) -> int:
    income_points = int((applicant.annual_income / 250).to_integral_value(ROUND_FLOOR))
    debt_points = int((applicant.existing_debt / 100).to_integral_value(ROUND_FLOOR))
    score = 600 + min(200, income_points) - min(300, debt_points)
    monthly_income = applicant.annual_income / 12
    committed = applicant.monthly_housing_cost + applicant.monthly_credit_repayments
    if committed * 2 > monthly_income:
        score -= 100
    return _clamp(score, 0, 999)


class SandboxAgency:
    """Deterministic: the same applicant always gets the same report. A quotation
    search reads the same file as a hard one; only its reference differs (``SBQ-``)."""

    def search(self, *, applicant: AgencyApplicant) -> AgencyReport:
        return self._report(applicant, prefix="SBX")

    def quotation_search(self, *, applicant: AgencyApplicant) -> AgencyReport:
        return self._report(applicant, prefix="SBQ")

    @staticmethod
    def _report(applicant: AgencyApplicant, *, prefix: str) -> AgencyReport:
        surname = applicant.last_name.strip().casefold()
        digest = hashlib.sha256(
            f"{surname}|{applicant.date_of_birth.isoformat()}|{applicant.postcodes[:1]}".encode()
        ).hexdigest()
        reference = f"{prefix}-{digest[:12].upper()}"
        if surname == "decline":
            return AgencyReport(reference, identity_verified=True, insolvency=True, score=150)
        if surname == "refer":
            return AgencyReport(
                reference, identity_verified=False, insolvency=False, score=sandbox_score(applicant)
            )
        return AgencyReport(
            reference, identity_verified=True, insolvency=False, score=sandbox_score(applicant)
        )


AgencyFactory = Callable[[], CreditReferenceAgency]

# The setting's value → the agency it names.
AGENCIES: dict[str, AgencyFactory] = {"sandbox": SandboxAgency}
# Values the setting held when it was a dotted path, still accepted.
FORMER_NAMES = {"partnership.applications.agency.SandboxAgency": "sandbox"}


def agency_factory(name: str) -> AgencyFactory:
    """The constructor of the agency ``name`` names; ImproperlyConfigured for no agency."""
    factory = AGENCIES.get(FORMER_NAMES.get(name, name))
    if factory is None:
        known = ", ".join(repr(known) for known in sorted(AGENCIES))
        raise ImproperlyConfigured(f"CREDIT_REFERENCE_AGENCY must be one of {known}, not {name!r}")
    return factory


def agency() -> CreditReferenceAgency:
    """The agency ``CREDIT_REFERENCE_AGENCY`` names."""
    return agency_factory(settings.CREDIT_REFERENCE_AGENCY)()
