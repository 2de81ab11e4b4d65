from __future__ import annotations

from django import forms

from partnership.core.forms import AccessibleForm
from partnership.public import help


class HelpSearchForm(AccessibleForm):
    hint_for_every_field = False

    q = forms.CharField(
        label="Search the help centre",
        required=False,
        strip=True,
        help_text="For example: lost card, interest, points.",
    )

    def clean_q(self) -> list[str]:
        try:
            return help.query_words(self.cleaned_data["q"])
        except help.BadQuery as problem:
            raise forms.ValidationError(str(problem)) from None


class StyleguideForm(AccessibleForm):
    """A form that is always in error, to show the error-summary pattern."""

    hint_for_every_field = False

    email = forms.EmailField(label="E-mail address", help_text="We only use it to reply.")
    amount = forms.DecimalField(label="Amount in pounds", min_value=1, max_value=5000)
