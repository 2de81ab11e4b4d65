from __future__ import annotations

from dataclasses import dataclass

from partnership.applications.models import Application
from partnership.applications.steps import Step, step_named
from partnership.cards.models import CardAccount
from partnership.privacy import inventory, retention
from partnership.privacy.inventory import InventoryEntry, PersonalField

# Who the application is shared with, and why (part of the collection notice).
RECIPIENTS = (
    (
        "A credit reference agency",
        "searches your credit file (a search other lenders will see) and confirms your "
        "identity and addresses.",
    ),
    (
        "Fraud prevention agencies",
        "if we suspect fraud, we pass them what you told us; they may keep it and share it "
        "with other lenders to prevent fraud and money laundering.",
    ),
)


@dataclass(frozen=True)
class CollectionNotice:
    """What the journey tells people before and while they type: from the inventory."""

    entry: InventoryEntry
    retention: str
    draft_retention: str
    recipients: tuple[tuple[str, str], ...] = RECIPIENTS

    def fields_for(self, step: Step) -> list[PersonalField]:
        """The inventory fields a step fills, in the order of its form, each once."""
        names = list(dict.fromkeys(step.form.columns.values()))
        return [self.entry.field_named(name) for name in names]


def application_collection_notice() -> CollectionNotice:
    entry = inventory.entry_for_model(Application)
    if entry is None:
        raise LookupError("applications are missing from the data inventory")
    rules = {rule.name: rule for rule in retention.registered()}
    return CollectionNotice(
        entry=entry,
        retention=rules[entry.retention_rule].description,
        draft_retention=rules["application-drafts"].description,
    )


@dataclass(frozen=True)
class EligibilityNotice:
    """The eligibility check's own notice: the inventory's words for each field it
    asks, and what happens to the answers (nothing, unless the visitor goes on)."""

    fields: tuple[PersonalField, ...]
    draft_retention: str


def eligibility_collection_notice(*, asked: dict[str, tuple[str, ...]]) -> EligibilityNotice:
    """``asked``: step name → the step's fields the check asks."""
    notice = application_collection_notice()
    columns: list[str] = []
    for step_name, names in asked.items():
        step = step_named(step_name)
        assert step is not None, step_name
        columns.extend(step.form.columns[name] for name in names)
    fields = tuple(notice.entry.field_named(name) for name in dict.fromkeys(columns))
    return EligibilityNotice(fields=fields, draft_retention=notice.draft_retention)


def application_by_key(*, key: str) -> Application | None:
    return Application.objects.filter(idempotency_key=key).first()


def application_card_account(*, application: Application) -> CardAccount | None:
    if application.customer_id is None:
        return None
    return (
        CardAccount.objects.filter(owner_id=application.customer_id).order_by("opened_on").first()
    )
