"""Publishing a privacy policy version."""

from __future__ import annotations

from django import forms

from partnership.core.text import validate_multi_line, validate_readable, validate_single_line

SUMMARY_MAX = 2000
BODY_MAX = 100_000


class PolicyPublishForm(forms.Form):
    summary = forms.CharField(
        label="Summary of changes",
        max_length=SUMMARY_MAX,
        validators=[validate_readable, validate_single_line],
        help_text="One or two sentences, shown to customers at sign-in and in the version list.",
    )
    body = forms.CharField(
        label="Policy text (Markdown)",
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 20}),
        validators=[validate_readable, validate_multi_line],
        help_text="The cookie and retention tables are added automatically when you publish.",
    )
    effective_from = forms.DateField(
        label="In force from (YYYY-MM-DD)",
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def clean_body(self) -> str:
        value: str = self.cleaned_data["body"]
        return value.replace("\r\n", "\n")
