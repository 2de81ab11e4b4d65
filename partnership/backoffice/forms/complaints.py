from __future__ import annotations

from django import forms


class ComplaintActionForm(forms.Form):
    action = forms.ChoiceField(choices=[("acknowledge", "Acknowledge"), ("close", "Close")])
