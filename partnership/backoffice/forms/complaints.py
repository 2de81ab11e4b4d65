from __future__ import annotations

from django import forms

from partnership.backoffice.forms.validators import multi_line
from partnership.compliance.complaints.models import STEPS_MAX, ComplaintOutcome


class ComplaintActionForm(forms.Form):
    action = forms.ChoiceField(choices=[("acknowledge", "Acknowledge"), ("close", "Close")])
    outcome = forms.ChoiceField(
        choices=ComplaintOutcome.choices, required=False, widget=forms.RadioSelect
    )
    steps_taken = forms.CharField(
        label="Steps taken to look into it",
        max_length=STEPS_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        validators=[multi_line],
    )
