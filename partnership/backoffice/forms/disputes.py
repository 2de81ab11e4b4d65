"""Closing a dispute: the outcome and a short note, kept free of card numbers."""

from __future__ import annotations

from django import forms

from partnership.backoffice.forms.validators import multi_line
from partnership.cards.models import DisputeStatus
from partnership.cards.models.dispute import OUTCOME_NOTE_MAX, validate_no_card_number

_CHOOSE = "Choose whether to uphold or reject the dispute."
CARD_NUMBER_CLEARED = (
    "The note had 12 or more digits in a row, which could be a card or account number, "
    "so it was not kept: write it again without them."
)


class DisputeCloseForm(forms.Form):
    outcome = forms.ChoiceField(
        label="Outcome",
        choices=[
            (DisputeStatus.UPHELD.value, "Uphold: refund the amount to the customer's account"),
            (DisputeStatus.REJECTED.value, "Reject: the transaction stands"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _CHOOSE, "invalid_choice": _CHOOSE},
    )
    note = forms.CharField(
        label="Outcome note",
        max_length=OUTCOME_NOTE_MAX,
        help_text=(
            f"What you found, in up to {OUTCOME_NOTE_MAX} characters. No card or account numbers."
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
        validators=[multi_line, validate_no_card_number],
        error_messages={
            "required": "Write a short note of what you found.",
            "max_length": (
                f"Keep the note to {OUTCOME_NOTE_MAX} characters or fewer "
                "(you entered %(show_value)s)."
            ),
        },
    )

    def full_clean(self) -> None:
        """A note refused for a card-like number is not sent back to the browser: the
        box comes back empty (the outcome chosen is kept), and the message says why."""
        super().full_clean()
        if self.has_error("note", code="card_number"):
            self.errors["note"] = self.error_class([CARD_NUMBER_CLEARED])
            self.data = {**self.data, "note": ""}
