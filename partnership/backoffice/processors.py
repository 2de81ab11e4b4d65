"""/staff/processors/: the processor register (P7), kept by compliance officers.

The guard (``backoffice.manage_processors``) is applied from the table in ``urls.py``.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from partnership.compliance.processors import selectors, services
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
from partnership.core import clock
from partnership.core.text import validate_multi_line, validate_readable, validate_single_line

DATE_HELP = "As YYYY-MM-DD."
FORM_TEMPLATE = "backoffice/marketing/form.html"


def _single_line(value: str) -> None:
    validate_readable(value)
    validate_single_line(value)


def _multi_line(value: str) -> None:
    validate_readable(value)
    validate_multi_line(value)


def _date(label: str, *, required: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label, required=required, help_text=DATE_HELP, input_formats=["%Y-%m-%d"]
    )


class ProcessorForm(forms.Form):
    supplier = forms.CharField(max_length=SUPPLIER_MAX, validators=[_single_line])
    service = forms.CharField(
        max_length=SERVICE_MAX,
        validators=[_single_line],
        help_text="What they do for us, as the privacy notice will say it.",
    )
    data_categories = forms.MultipleChoiceField(
        choices=DataCategory.choices, widget=forms.CheckboxSelectMultiple
    )
    country = forms.CharField(
        label="Location (country)",
        max_length=COUNTRY_MAX,
        validators=[_single_line],
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
        validators=[_multi_line],
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


@require_safe
def processor_list(request: HttpRequest) -> HttpResponse:
    today = clock.today_in_london()
    labels = dict(DataCategory.choices)
    rows = [
        {
            "processor": processor,
            "categories": [labels[value] for value in processor.data_categories],
            "overdue": processor.audit_overdue(today=today),
        }
        for processor in selectors.processor_list()
    ]
    return render(
        request,
        "backoffice/processors/list.html",
        {"rows": rows, "overdue_count": sum(row["overdue"] for row in rows)},
    )


@require_http_methods(["GET", "HEAD", "POST"])
def processor_create(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _form_page(request, form=ProcessorForm(), editing=False, status=200)
    form = ProcessorForm(request.POST)
    if not form.is_valid():
        return _form_page(request, form=form, editing=False, status=400)
    services.processor_create(data=form.to_input(), staff_id=str(request.user.pk))
    return redirect("backoffice:processors")


@require_http_methods(["GET", "HEAD", "POST"])
def processor_edit(request: HttpRequest, processor_id: int) -> HttpResponse:
    processor = selectors.processor_get(processor_id=processor_id)
    if request.method != "POST":
        form = ProcessorForm.for_processor(processor)
        return _form_page(request, form=form, editing=True, status=200)
    form = ProcessorForm(request.POST)
    if not form.is_valid():
        return _form_page(request, form=form, editing=True, status=400)
    services.processor_update(
        processor_id=processor.pk, data=form.to_input(), staff_id=str(request.user.pk)
    )
    return redirect("backoffice:processors")


def _form_page(
    request: HttpRequest, *, form: ProcessorForm, editing: bool, status: int
) -> HttpResponse:
    context = {
        "form": form,
        "title": "Edit processor" if editing else "Add a processor",
        "back_url": "/staff/processors/",
        "back_label": "Processor register",
        "button": "Save",
    }
    return render(request, FORM_TEMPLATE, context, status=status)
