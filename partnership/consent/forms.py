"""The consent forms: the settings page and the banner post to the same view.

Each form carries a token naming the choice it was shown against (consent id, when
that choice was made, and the registry revision), signed and dated: a form replayed
after the choice changed, or shown before the registry changed, records nothing.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from django import forms
from django.core import signing

from partnership.consent import cookies
from partnership.consent.state import (
    Choices,
    ConsentState,
    Preferences,
    Research,
    Statistics,
)

TOKEN_SALT = "partnership.consent.form"  # noqa: S105 (a salt, not a secret)
TOKEN_MAX_AGE = 12 * 60 * 60
STALE_FORM = (
    "Your cookie choices changed after this form was shown (perhaps in another tab), or "
    "the form is too old, so nothing was recorded. Here are your choices as they stand."
)
_INVALID = {
    "required": "Choose one of the options.",
    "invalid_choice": "Choose one of the options shown.",
}

SOURCE_SETTINGS = "settings"
SOURCE_BANNER = "banner"


def _fingerprint(state: ConsentState) -> str:
    stored = state.stored
    consent = f"{stored.consent_id.hex}.{stored.chosen_at}" if stored else "none"
    return f"{consent}.{cookies.registry_revision()}"


def consent_form_token(state: ConsentState) -> str:
    return signing.TimestampSigner(salt=TOKEN_SALT).sign(_fingerprint(state))


def consent_form_token_matches(token: str, state: ConsentState) -> bool:
    if len(token) > 300:
        return False
    try:
        value = signing.TimestampSigner(salt=TOKEN_SALT).unsign(token, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:
        return False
    return value == _fingerprint(state)


def preferences_offered() -> bool:
    return any(decl.category is cookies.CookieCategory.PREFERENCES for decl in cookies.declared())


def _choice(label: str, *options: tuple[StrEnum, str]) -> forms.ChoiceField:
    """One of the form's questions: radio buttons, left unanswered if the visitor wishes."""
    return forms.ChoiceField(
        label=label,
        choices=[(option.value, text) for option, text in options],
        widget=forms.RadioSelect,
        required=False,
        error_messages=_INVALID,
    )


class ConsentForm(forms.Form):
    source = forms.ChoiceField(
        choices=[(SOURCE_SETTINGS, SOURCE_SETTINGS), (SOURCE_BANNER, SOURCE_BANNER)],
        widget=forms.HiddenInput,
        error_messages=_INVALID,
    )
    statistics = _choice(
        "Visitor statistics",
        (Statistics.ALLOWED, "Count my visits (no one is identified)"),
        (Statistics.OBJECTED, "Do not count my visits"),
    )
    research = _choice(
        "Research partners",
        (Research.REFUSED, "No research tags"),
        (Research.GRANTED, "I agree to the research tags"),
    )
    preferences = _choice(
        "Preferences",
        (Preferences.ALLOWED, "Remember my preferences"),
        (Preferences.REFUSED, "Do not remember my preferences"),
    )
    consent_token = forms.CharField(widget=forms.HiddenInput, max_length=300, required=False)
    return_to = forms.CharField(widget=forms.HiddenInput, max_length=300, required=False)

    def __init__(self, data: Any = None, *, state: ConsentState) -> None:
        self.state = state
        current = state.choices
        initial = {
            "source": SOURCE_SETTINGS,
            "statistics": current.statistics.value,
            "research": current.research.value
            if current.research is not Research.NOT_ASKED
            else Research.REFUSED.value,
            "preferences": current.preferences.value,
            "consent_token": consent_form_token(state),
        }
        super().__init__(data, initial=initial)
        if not state.research_offered:
            del self.fields["research"]
        if not preferences_offered():
            del self.fields["preferences"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        source = cleaned.get("source")
        wanted = ["research"] if source == SOURCE_BANNER else list(self.fields)
        for name in ("statistics", "research", "preferences"):
            missing = name in wanted and name in self.fields and not cleaned.get(name)
            if missing and name not in self.errors:
                self.add_error(name, _INVALID["required"])
        if source == SOURCE_BANNER and "research" not in self.fields:
            self.add_error(None, "There is no research question to answer.")
        return cleaned

    def choices(self) -> Choices:
        """The new choices: what was posted, the rest as they were."""
        current = self.state.choices
        data = self.cleaned_data
        return Choices(
            statistics=Statistics(data["statistics"])
            if data.get("statistics")
            else current.statistics,
            research=Research(data["research"]) if data.get("research") else current.research,
            preferences=Preferences(data["preferences"])
            if data.get("preferences")
            else current.preferences,
        )
