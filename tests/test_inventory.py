from __future__ import annotations

import uuid
from typing import Any

import pytest
from django.apps import apps

from partnership.compliance.complaints.models import Complaint
from partnership.crypto.fields import encrypted_models
from partnership.policy.models import PolicyVersion
from partnership.privacy import inventory, retention
from partnership.privacy.inventory import (
    ErasureOutcome,
    InventoryEntry,
    InventoryError,
    LawfulBasis,
    LegalHold,
    PersonalField,
)
from partnership.privacy.subjects import (
    DataSubject,
    InvalidSubjectEmail,
    data_subject_resolve,
    register_subject_resolver,
    resolvers_isolated,
)


def nothing(subject: DataSubject) -> list[dict[str, Any]]:
    return []


def erase_nothing(subject: DataSubject) -> ErasureOutcome:
    return ErasureOutcome()


def entry(**overrides: Any) -> InventoryEntry:
    values: dict[str, Any] = {
        "model": PolicyVersion,
        "category": "policy_versions",
        "description": "Test entry.",
        "fields": (
            PersonalField("summary", "Summary", "Testing.", LawfulBasis.CONSENT, encrypted=False),
        ),
        "retention_rule": "complaint-records",
        "export": nothing,
        "erase": erase_nothing,
    }
    values.update(overrides)
    return InventoryEntry(**values)


def test_every_model_with_an_encrypted_field_is_in_the_inventory() -> None:
    inventoried = {entry.model for entry in inventory.registered()}
    missing = [
        model._meta.label
        for model in encrypted_models()
        if not model._meta.app_label.endswith("_tests") and model not in inventoried
    ]

    assert missing == []


def test_the_check_would_see_a_model_missing_from_the_inventory() -> None:
    with inventory.registry_isolated(keep=()):
        labels = {model._meta.label for model in encrypted_models()}

        assert "compliance.Complaint" in labels
        assert inventory.entry_for_model(Complaint) is None


def test_every_inventoried_model_is_an_installed_model() -> None:
    installed = set(apps.get_models())

    assert [e.category for e in inventory.registered() if e.model not in installed] == []


def test_every_entry_names_a_retention_rule_that_exists() -> None:
    unknown = [
        (entry.category, entry.retention_rule)
        for entry in inventory.registered()
        if retention.rule_named(entry.retention_rule) is None
    ]

    assert unknown == []


def test_every_encrypted_column_is_declared_as_encrypted() -> None:
    for entry in inventory.registered():
        encrypted = {
            f.attname for f in entry.model._meta.concrete_fields if hasattr(f, "decrypt_stored")
        }
        declared = {f.name for f in entry.fields if f.encrypted}
        assert declared == encrypted, entry.category


def test_complaints_are_registered_with_their_fields_and_holds() -> None:
    complaints = inventory.entry_for_category("complaints")

    assert complaints.model is Complaint
    assert [f.name for f in complaints.fields] == [
        "name",
        "email",
        "phone",
        "topic",
        "details",
        "reply_preference",
        "steps_taken",
    ]
    assert complaints.field_named("email").lawful_basis is LawfulBasis.LEGAL_OBLIGATION
    assert complaints.retention_rule == "complaint-records"
    assert [hold.name for hold in complaints.legal_holds] == ["fca-disp-1.9", "fca-disp-1.6-open"]
    assert complaints.hold_named("fca-disp-1.9").law.startswith("FCA Handbook DISP 1.9.1R")


def test_a_new_entry_is_registered_and_listed_in_order() -> None:
    with inventory.registry_isolated():
        inventory.register(entry())

        assert [e.category for e in inventory.registered()][-1] == "policy_versions"
        assert inventory.entry_for_model(PolicyVersion) is not None

    assert inventory.entry_for_model(PolicyVersion) is None


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"category": "complaints"}, "registered twice"),
        (
            {
                "model": Complaint,
                "fields": (PersonalField("name", "N", "p", LawfulBasis.CONSENT, encrypted=True),),
            },
            "already in the inventory",
        ),
        ({"category": "meta"}, "must be lower-case"),
        ({"category": "Policy-Versions"}, "must be lower-case"),
        ({"category": "x" * 34}, "must be lower-case"),
        ({"fields": ()}, "declares no fields"),
        (
            {"fields": (PersonalField("nope", "N", "p", LawfulBasis.CONSENT, encrypted=False),)},
            "which policy.PolicyVersion does not have",
        ),
        (
            {
                "fields": (
                    PersonalField("summary", "S", "p", LawfulBasis.CONSENT, encrypted=False),
                    PersonalField("summary", "S", "p", LawfulBasis.CONSENT, encrypted=False),
                )
            },
            "declares 'summary' twice",
        ),
        (
            {"fields": (PersonalField("summary", "S", "p", "consent", encrypted=False),)},  # type: ignore[arg-type]
            "LawfulBasis",
        ),
        (
            {"legal_holds": (LegalHold("h", "law", "1y"), LegalHold("h", "law", "2y"))},
            "repeats a legal hold",
        ),
        ({"retention_rule": ""}, "names no retention rule"),
    ],
)
def test_a_duplicate_or_malformed_entry_is_refused(overrides: dict[str, Any], message: str) -> None:
    before = inventory.registered()

    with pytest.raises(InventoryError, match=message):
        inventory.register(entry(**overrides))

    assert inventory.registered() == before


def test_lawful_bases_name_their_article() -> None:
    assert LawfulBasis.CONSENT.article == "UK GDPR Art. 6(1)(a)"
    assert LawfulBasis.LEGITIMATE_INTERESTS.article == "UK GDPR Art. 6(1)(f)"
    assert LawfulBasis.CONTRACT.label == "our contract with you"
    assert {basis.article[-3:] for basis in LawfulBasis} == {
        "(a)",
        "(b)",
        "(c)",
        "(d)",
        "(e)",
        "(f)",
    }


def test_a_data_subject_is_known_by_the_normalised_email() -> None:
    with resolvers_isolated():
        subject = data_subject_resolve(email="  Ada.Lovelace@Example.ORG ")

    assert subject == DataSubject(email="ada.lovelace@example.org", user_id=None)
    assert subject.email_index(purpose="p") == DataSubject("ada.lovelace@example.org").email_index(
        purpose="p"
    )
    assert subject.email_index(purpose="p") != subject.email_index(purpose="q")
    assert len(subject.email_index(purpose="p")) == 64


def test_an_email_that_is_not_one_names_no_value() -> None:
    with pytest.raises(InvalidSubjectEmail) as raised:
        data_subject_resolve(email="secret-person at nowhere")

    assert "secret-person" not in str(raised.value)


def test_resolvers_give_the_user_id_of_the_person() -> None:
    user_id = uuid.uuid4()
    with resolvers_isolated():
        register_subject_resolver("none", lambda subject: None)
        register_subject_resolver(
            "accounts", lambda subject: user_id if subject.email == "ada@example.org" else None
        )

        assert data_subject_resolve(email="ADA@example.org").user_id == user_id
        assert data_subject_resolve(email="bob@example.org").user_id is None
        with pytest.raises(ValueError, match="registered twice"):
            register_subject_resolver("accounts", lambda subject: None)
