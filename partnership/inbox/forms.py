"""The customer's new message and reply forms, and the agent's reply form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile

from partnership.core.forms import AccessibleForm, StrictBooleanField
from partnership.core.text import MESSAGE_TEXT_MAX, validate_multi_line, validate_readable
from partnership.inbox.attachments import MAX_BYTES, MAX_LABEL, attachment_type
from partnership.inbox.models import FILENAME_MAX, Topic

TOO_LARGE = f"The file is larger than {MAX_LABEL}. Choose a smaller file, or send it in parts."
WRONG_TYPE = (
    "We can only accept a PDF document, a JPEG image or a PNG image, and this file is "
    "none of those (whatever its name says). Choose another file."
)
EMPTY_FILE = "The file you chose is empty. Choose another file."


def _body_field(label: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=MESSAGE_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=f"Up to {MESSAGE_TEXT_MAX:,} characters. Please do not include your full "
        "card number or any passwords.",
        validators=[validate_readable, validate_multi_line],
        error_messages={
            "required": "Write your message.",
            "max_length": f"Write at most {MESSAGE_TEXT_MAX:,} characters.",
        },
    )


class NewMessageForm(AccessibleForm):
    topic = forms.ChoiceField(
        label="What is it about?",
        choices=[("", "Choose a topic"), *Topic.choices],
        help_text="Choose the closest; it helps us pass it to the right team.",
        error_messages={"required": "Choose what your message is about."},
    )
    body = _body_field("Your message")
    attachment = forms.FileField(
        label="Attach a file (optional)",
        required=False,
        help_text=f"A PDF, JPEG or PNG file of up to {MAX_LABEL}.",
        widget=forms.FileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
        error_messages={"empty": EMPTY_FILE, "invalid": EMPTY_FILE},
    )

    def clean_attachment(self) -> dict[str, Any] | None:
        upload: UploadedFile | None = self.cleaned_data.get("attachment")
        if not upload:
            return None
        if (upload.size or 0) > MAX_BYTES:
            raise forms.ValidationError(TOO_LARGE, code="too_large")
        data = upload.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            raise forms.ValidationError(TOO_LARGE, code="too_large")
        if not data:
            raise forms.ValidationError(EMPTY_FILE, code="empty")
        found = attachment_type(data)
        if found is None:
            raise forms.ValidationError(WRONG_TYPE, code="wrong_type")
        name = (upload.name or "attachment")[-FILENAME_MAX:]
        return {"filename": name, "content": data, "content_type": found}


class CustomerReplyForm(AccessibleForm):
    body = _body_field("Your reply")


class AgentReplyForm(AccessibleForm):
    hint_for_every_field = False

    body = _body_field("Reply to the customer")
    close = StrictBooleanField(label="Close the conversation after this reply", required=False)
