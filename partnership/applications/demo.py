"""Demo card applications (local mode only; ``seed_demo``), so the back office has some.

Three made-up applicants, each sent through the journey's own services — the answers
checked by the step forms (``application_input_from_answers``), the decision made by
the sandbox agency and the rules, and everything recorded by ``application_submit``
with its encryption and audit event:

- Imogen Ashdown: approved. She becomes a customer with a new card account and an
  unusable password; her invitation e-mail (the link that sets one) goes wherever
  local mail goes (``var/mail/``).
- Nathaniel Pennick: referred (R02, a borderline credit score), waiting for a person.
- Tobias Wrenfield: declined (D03, D04), and he has asked for a person to review the
  automated decision (Art. 22C), so there is a rights request to work through.

Idempotent: each has a fixed idempotency key, and an application already recorded
under its key is left alone; the review request is one per application by design.
"""

from __future__ import annotations

from dataclasses import dataclass

from partnership.applications.models import Application
from partnership.applications.services.applicant import application_input_from_answers
from partnership.applications.services.review import review_request_receive
from partnership.applications.services.submit import application_submit
from partnership.core import env

ELIGIBLE = {"age_18_or_over": "yes", "uk_resident": "yes", "bankrupt": "no"}
DECLARED = {"credit_search_consent": "on", "notice_read": "on", "precontract_read": "on"}


@dataclass(frozen=True)
class DemoApplication:
    key: str  # the idempotency key: one application per demo applicant, however often seeded
    personal: dict[str, str]
    addresses: dict[str, str]
    employment: dict[str, str]
    outgoings: dict[str, str]
    contact: dict[str, str]
    review_details: str = ""  # asks for a person to review the decision when set

    def answers(self) -> dict[str, dict[str, str]]:
        """Every step's answers, as the journey's draft holds them."""
        return {
            "eligibility": ELIGIBLE,
            "personal": self.personal,
            "addresses": self.addresses,
            "employment": self.employment,
            "outgoings": self.outgoings,
            "contact": self.contact,
            "review": {},
            "declarations": DECLARED,
        }


DEMO_APPLICATIONS: tuple[DemoApplication, ...] = (
    DemoApplication(
        key="demo-application-approved",
        personal={"first_name": "Imogen", "last_name": "Ashdown", "date_of_birth": "22/07/1988"},
        addresses={
            "address_1": "7 Lantern Yard\nNorwich",
            "postcode_1": "NR2 4AB",
            "since_1": "09/2019",
        },
        employment={"employment_status": "employed", "annual_income": "38000"},
        outgoings={
            "housing_status": "renting",
            "monthly_housing_cost": "750",
            "monthly_credit_repayments": "0",
            "existing_debt": "0",
        },
        contact={
            "email": "imogen.ashdown@example.com",
            "phone": "07700 900711",
            "marketing_email": "on",
            "statements": "paperless",
        },
    ),
    DemoApplication(
        key="demo-application-referred",
        personal={
            "first_name": "Nathaniel",
            "last_name": "Pennick",
            "date_of_birth": "03/02/1979",
        },
        addresses={
            "address_1": "21 Ropewalk Terrace\nWhitby",
            "postcode_1": "YO21 3PU",
            "since_1": "05/2014",
        },
        employment={"employment_status": "self_employed", "annual_income": "60000"},
        outgoings={
            "housing_status": "mortgage",
            "monthly_housing_cost": "1200",
            "monthly_credit_repayments": "300",
            "existing_debt": "26000",
        },
        contact={
            "email": "nathaniel.pennick@example.com",
            "phone": "07700 900722",
            "statements": "paper",
        },
    ),
    DemoApplication(
        key="demo-application-declined",
        personal={"first_name": "Tobias", "last_name": "Wrenfield", "date_of_birth": "17/10/1996"},
        addresses={
            "address_1": "Flat 3, 48 Chandlers Way\nSwansea",
            "postcode_1": "SA1 8QT",
            "since_1": "01/2024",
            "address_2": "2 Orchard Close\nCarmarthen",
            "postcode_2": "SA31 1HB",
            "since_2": "08/2017",
        },
        employment={"employment_status": "employed", "annual_income": "18000"},
        outgoings={
            "housing_status": "renting",
            "monthly_housing_cost": "450",
            "monthly_credit_repayments": "150",
            "existing_debt": "12000",
        },
        contact={
            "email": "tobias.wrenfield@example.com",
            "phone": "07700 900733",
            "statements": "paperless",
        },
        review_details=(
            "Most of the loan counted here was paid off last month. Please could a "
            "person look at my application again?"
        ),
    ),
)


def seed_applications() -> list[str]:
    """Send the demo applications not yet recorded; say what was added."""
    site_url = f"http://127.0.0.1:{env.integer('PORT', default=8000, minimum=1)}"
    added: list[Application] = []
    for demo in DEMO_APPLICATIONS:
        if Application.objects.filter(idempotency_key=demo.key).exists():
            continue
        application = application_submit(
            data=application_input_from_answers(demo.answers()),
            idempotency_key=demo.key,
            site_url=site_url,
        )
        if demo.review_details:
            review = review_request_receive(application=application, details=demo.review_details)
            assert not review.error, review.error
        added.append(application)
    if not added:
        return []
    outcomes = ", ".join(application.outcome for application in added)
    return [f"Added {len(added)} demo card application(s): {outcomes}."]
