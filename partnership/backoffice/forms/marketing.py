"""Marketing exports and their recipients (P8)."""

from __future__ import annotations

from typing import Any

from django import forms

from partnership.backoffice.forms.validators import single_line
from partnership.compliance.marketing.models import (
    COMPANY_NAME_MAX,
    CONTACT_MAX,
    ExportChannel,
    MarketingRecipient,
)
from partnership.compliance.marketing.selectors import recipient_list
from partnership.compliance.marketing.services import RecipientInput
from partnership.core.forms import StrictBooleanField


class RecipientChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: MarketingRecipient) -> str:
        outside = "" if obj.is_partnership_company else " (not a Partnership company)"
        return f"{obj.company_name}{outside}"


class ExportForm(forms.Form):
    # Every registered company is listed: an outside one is refused, and recorded.
    recipient = RecipientChoiceField(
        queryset=MarketingRecipient.objects.none(),
        empty_label="Choose a company",
        help_text="Only companies registered as part of the Partnership may receive an export.",
    )
    channel = forms.ChoiceField(choices=ExportChannel.choices, widget=forms.RadioSelect)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["recipient"]
        assert isinstance(field, RecipientChoiceField)
        field.queryset = recipient_list()


class RecipientForm(forms.Form):
    company_name = forms.CharField(max_length=COMPANY_NAME_MAX, validators=[single_line])
    contact = forms.CharField(
        max_length=CONTACT_MAX,
        validators=[single_line],
        help_text="A team mailbox or department at the company — not a person's name.",
    )
    is_partnership_company = StrictBooleanField(
        label="A Partnership company (may receive marketing exports)", required=False
    )

    @classmethod
    def for_recipient(cls, recipient: MarketingRecipient) -> RecipientForm:
        return cls(
            initial={
                "company_name": recipient.company_name,
                "contact": recipient.contact,
                "is_partnership_company": recipient.is_partnership_company,
            }
        )

    def to_input(self) -> RecipientInput:
        data = self.cleaned_data
        return RecipientInput(
            company_name=data["company_name"],
            contact=data["contact"],
            is_partnership_company=data["is_partnership_company"],
        )
