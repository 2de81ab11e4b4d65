"""The processor register's form (P7)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from partnership.backoffice.forms.validators import multi_line, single_line
from partnership.compliance.processors import services
from partnership.compliance.processors.models import (
    COUNTRY_MAX,
    FINDINGS_MAX,
    SERVICE_MAX,
    SUPPLIER_MAX,
    UNITED_KINGDOM,
    DataCategory,
    Processor,
    TransferSafeguard,
)

DATE_HELP = "As YYYY-MM-DD."


def _date(label: str, *, required: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label, required=required, help_text=DATE_HELP, input_formats=["%Y-%m-%d"]
    )


class ProcessorForm(forms.Form):
    supplier = forms.CharField(max_length=SUPPLIER_MAX, validators=[single_line])
    service = forms.CharField(
        max_length=SERVICE_MAX,
        validators=[single_line],
        help_text="What they do for us, as the privacy notice will say it.",
    )
    data_categories = forms.MultipleChoiceField(
        choices=DataCategory.choices, widget=forms.CheckboxSelectMultiple
    )
    country = forms.CharField(
        label="Location (country)",
        max_length=COUNTRY_MAX,
        validators=[single_line],
        help_text=f"Where the data is kept, e.g. {UNITED_KINGDOM}.",
    )
    safeguard = forms.ChoiceField(
        label="Transfer safeguard", choices=TransferSafeguard.choices, widget=forms.RadioSelect
    )
    contract_date = _date("Contract date")
    audit_due = _date("Audit due")
    audit_done = _date("Audit done (leave empty if not yet)", required=False)
    findings = forms.CharField(
        max_length=FINDINGS_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        validators=[multi_line],
    )

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        country, safeguard = cleaned.get("country"), cleaned.get("safeguard")
        if country and safeguard:
            in_uk = country.strip().casefold() == UNITED_KINGDOM.casefold()
            if in_uk and safeguard != TransferSafeguard.UK:
                self.add_error("safeguard", "Data kept in the UK needs no transfer safeguard.")
            if not in_uk and safeguard == TransferSafeguard.UK:
                self.add_error("safeguard", "Outside the UK, say which safeguard applies.")
        contract, due = cleaned.get("contract_date"), cleaned.get("audit_due")
        if contract and due and due < contract:
            raise ValidationError("The audit cannot be due before the contract date.")
        return cleaned

    @classmethod
    def for_processor(cls, processor: Processor) -> ProcessorForm:
        return cls(
            initial={
                "supplier": processor.supplier,
                "service": processor.service,
                "data_categories": processor.data_categories,
                "country": processor.country,
                "safeguard": processor.safeguard,
                "contract_date": processor.contract_date.isoformat(),
                "audit_due": processor.audit_due.isoformat(),
                "audit_done": processor.audit_done.isoformat() if processor.audit_done else "",
                "findings": processor.findings,
            }
        )

    def to_input(self) -> services.ProcessorInput:
        data = self.cleaned_data
        return services.ProcessorInput(
            supplier=data["supplier"],
            service=data["service"],
            data_categories=list(data["data_categories"]),
            country=data["country"],
            safeguard=data["safeguard"],
            contract_date=data["contract_date"],
            audit_due=data["audit_due"],
            audit_done=data["audit_done"],
            findings=data["findings"],
        )
