"""The credit reference agency is chosen by name (``CREDIT_REFERENCE_AGENCY``)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured
from pytest_django import Settings

from partnership.applications.agency import SandboxAgency, agency, agency_factory


def test_the_default_setting_names_the_sandbox() -> None:
    assert type(agency()) is SandboxAgency


@pytest.mark.parametrize("name", ["sandbox", "partnership.applications.agency.SandboxAgency"])
def test_the_sandbox_is_chosen_by_its_name_or_its_former_dotted_path(
    settings: Settings, name: str
) -> None:
    settings.CREDIT_REFERENCE_AGENCY = name

    assert agency_factory(name) is SandboxAgency
    assert type(agency()) is SandboxAgency


def test_an_unknown_agency_is_refused_with_a_clear_message(settings: Settings) -> None:
    settings.CREDIT_REFERENCE_AGENCY = "partnership.applications.tests.test_agency.Elsewhere"

    with pytest.raises(ImproperlyConfigured) as refused:
        agency()

    assert str(refused.value) == (
        "CREDIT_REFERENCE_AGENCY must be one of 'sandbox', "
        "not 'partnership.applications.tests.test_agency.Elsewhere'"
    )
