"""The eligibility check: would we be likely to accept you, without a mark on your file.

A quotation search (``CreditReferenceAgency.quotation_search``: the person sees it on
their file, other lenders never do) and the same rules as the application, with what
the check cannot know left out (whether an account already uses an e-mail address, how
many applications came from these details). The answer is given in words — likely,
unlikely, or cannot say — with the limit and rate the rules would offer. Nothing is
stored: the answers live in the page the visitor is looking at, and only become a
draft application if they press "Apply with these answers" (docs/applications.md).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from partnership.applications.agency import AgencyApplicant, agency
from partnership.applications.decision.reasons import Reason
from partnership.applications.decision.rules import DecisionInput, decide
from partnership.applications.models import Outcome


class Likelihood(StrEnum):
    LIKELY = "likely"
    UNLIKELY = "unlikely"
    CANNOT_SAY = "cannot-say"


_BY_OUTCOME = {
    Outcome.APPROVED: Likelihood.LIKELY,
    Outcome.DECLINED: Likelihood.UNLIKELY,
    Outcome.REFERRED: Likelihood.CANNOT_SAY,
}


@dataclass(frozen=True)
class EligibilityQuestions:
    first_name: str
    last_name: str
    date_of_birth: dt.date
    postcode: str
    annual_income: Decimal
    monthly_housing_cost: Decimal
    monthly_credit_repayments: Decimal
    existing_debt: Decimal


@dataclass(frozen=True)
class EligibilityAnswer:
    likelihood: Likelihood
    reasons: tuple[Reason, ...]
    credit_limit: Decimal | None  # what the rules would offer, when likely
    apr: Decimal | None


def eligibility_check(*, questions: EligibilityQuestions) -> EligibilityAnswer:
    """One quotation search and the rules' answer; writes nothing anywhere."""
    report = agency().quotation_search(
        applicant=AgencyApplicant(
            first_name=questions.first_name,
            last_name=questions.last_name,
            date_of_birth=questions.date_of_birth,
            postcodes=(questions.postcode,),
            annual_income=questions.annual_income,
            monthly_housing_cost=questions.monthly_housing_cost,
            monthly_credit_repayments=questions.monthly_credit_repayments,
            existing_debt=questions.existing_debt,
        )
    )
    decision = decide(
        DecisionInput(
            annual_income=questions.annual_income,
            monthly_housing_cost=questions.monthly_housing_cost,
            monthly_credit_repayments=questions.monthly_credit_repayments,
            existing_debt=questions.existing_debt,
            report=report,
            has_account=False,
            recent_applications=0,
        )
    )
    return EligibilityAnswer(
        likelihood=_BY_OUTCOME[decision.outcome],
        reasons=decision.reasons,
        credit_limit=decision.credit_limit,
        apr=decision.apr,
    )
