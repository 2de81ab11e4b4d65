"""The rules engine: every outcome comes with the reasons that produced it.

Figures (documented in docs/applications.md; change ``RULES_VERSION`` with them):

- net monthly income is taken as 75% of the gross yearly income / 12 (tax and NI);
- typical living costs are £600 a month for one adult;
- disposable = net monthly income - housing - credit repayments - living costs;
- decline: insolvency on file (D01); score < 450 (D02); disposable < £200 (D03);
  existing debt > 50% of yearly income (D04);
- refer (when nothing declines): identity unconfirmed (R01); score 450-549 (R02); an
  account already uses the e-mail (R03); 3 or more applications from the same postcode
  and date of birth within 30 days (R04);
- approve: limit = disposable x 3, at most 25% of yearly income and £8,000, rounded down
  to £50, at least £250; APR by score: >= 750 24.9%, >= 650 29.9%, else 34.9%.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal

from partnership.applications.agency import AgencyReport
from partnership.applications.decision.reasons import Reason
from partnership.applications.models import Outcome

RULES_VERSION = "2026.1"
NET_SHARE = Decimal("0.75")
LIVING_COSTS = Decimal("600")
MIN_DISPOSABLE = Decimal("200")
DECLINE_SCORE = 450
REFER_SCORE = 550
DEBT_SHARE = Decimal("0.5")
LIMIT_MULTIPLE = 3
LIMIT_INCOME_SHARE = Decimal("0.25")
LIMIT_MAX = Decimal("8000")
LIMIT_MIN = Decimal("250")
LIMIT_STEP = Decimal("50")
REPEAT_LIMIT = 3


@dataclass(frozen=True)
class DecisionInput:
    annual_income: Decimal
    monthly_housing_cost: Decimal
    monthly_credit_repayments: Decimal
    existing_debt: Decimal
    report: AgencyReport
    has_account: bool
    recent_applications: int  # same postcode + date of birth, last 30 days, this one aside


@dataclass(frozen=True)
class Decision:
    outcome: Outcome
    reasons: tuple[Reason, ...]
    credit_limit: Decimal | None
    apr: Decimal | None
    disposable: Decimal


def disposable_income(data: DecisionInput) -> Decimal:
    net_monthly = data.annual_income * NET_SHARE / 12
    left = net_monthly - data.monthly_housing_cost - data.monthly_credit_repayments - LIVING_COSTS
    return left.quantize(Decimal("0.01"), rounding=ROUND_FLOOR)


def credit_limit_for(*, disposable: Decimal, annual_income: Decimal) -> Decimal:
    limit = min(disposable * LIMIT_MULTIPLE, annual_income * LIMIT_INCOME_SHARE, LIMIT_MAX)
    limit = (limit / LIMIT_STEP).to_integral_value(rounding=ROUND_FLOOR) * LIMIT_STEP
    return max(limit, LIMIT_MIN).quantize(Decimal("0.01"))


def apr_for(score: int) -> Decimal:
    if score >= 750:
        return Decimal("24.90")
    if score >= 650:
        return Decimal("29.90")
    return Decimal("34.90")


def decide(data: DecisionInput) -> Decision:
    report = data.report
    disposable = disposable_income(data)
    declines: list[Reason] = []
    if report.insolvency:
        declines.append(Reason.INSOLVENCY)
    if report.score < DECLINE_SCORE:
        declines.append(Reason.LOW_SCORE)
    if disposable < MIN_DISPOSABLE:
        declines.append(Reason.UNAFFORDABLE)
    if data.existing_debt > data.annual_income * DEBT_SHARE:
        declines.append(Reason.DEBT_TO_INCOME)
    if declines:
        return Decision(Outcome.DECLINED, tuple(declines), None, None, disposable)
    refers: list[Reason] = []
    if not report.identity_verified:
        refers.append(Reason.IDENTITY_UNCONFIRMED)
    if report.score < REFER_SCORE:
        refers.append(Reason.BORDERLINE_SCORE)
    if data.has_account:
        refers.append(Reason.EXISTING_ACCOUNT)
    if data.recent_applications >= REPEAT_LIMIT:
        refers.append(Reason.REPEATED_APPLICATIONS)
    if refers:
        return Decision(Outcome.REFERRED, tuple(refers), None, None, disposable)
    return Decision(
        Outcome.APPROVED,
        (Reason.AFFORDABLE, Reason.GOOD_CREDIT_HISTORY),
        credit_limit_for(disposable=disposable, annual_income=data.annual_income),
        apr_for(report.score),
        disposable,
    )
