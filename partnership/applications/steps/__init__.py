"""The steps of the application, in the only order they can be taken."""

from __future__ import annotations

from dataclasses import dataclass

from partnership.applications.steps.forms import (
    ContactForm,
    DeclarationsForm,
    EmploymentForm,
    OutgoingsForm,
    ReviewForm,
)
from partnership.applications.steps.identity_forms import AddressForm, EligibilityForm, PersonalForm
from partnership.applications.steps.step_form import StepForm


@dataclass(frozen=True)
class Step:
    name: str  # the URL segment: /apply/<name>/
    title: str
    form: type[StepForm]
    lead: str = ""

    @property
    def number(self) -> int:
        return STEP_NAMES.index(self.name) + 1


STEPS: tuple[Step, ...] = (
    Step(
        "eligibility",
        "Can you apply?",
        EligibilityForm,
        "Three questions first, so you do not spend time on an application we cannot accept.",
    ),
    Step("personal", "About you", PersonalForm, "Your name as it appears on official documents."),
    Step(
        "addresses",
        "Where you have lived",
        AddressForm,
        "Your addresses for the last three years, starting with where you live now.",
    ),
    Step("employment", "Work and income", EmploymentForm),
    Step("outgoings", "Your home and what you pay out", OutgoingsForm),
    Step("contact", "How we contact you", ContactForm),
    Step("review", "Check your answers", ReviewForm),
    Step(
        "declarations",
        "Declarations",
        DeclarationsForm,
        "Last step. When you send the application we search your credit file and decide "
        "straight away.",
    ),
)
STEP_NAMES: tuple[str, ...] = tuple(step.name for step in STEPS)
DATA_STEPS: tuple[Step, ...] = tuple(step for step in STEPS if step.form.columns)


def step_named(name: str) -> Step | None:
    for step in STEPS:
        if step.name == name:
            return step
    return None


def step_after(step: Step) -> Step | None:
    index = STEP_NAMES.index(step.name)
    return STEPS[index + 1] if index + 1 < len(STEPS) else None


def step_before(step: Step) -> Step | None:
    index = STEP_NAMES.index(step.name)
    return STEPS[index - 1] if index > 0 else None
