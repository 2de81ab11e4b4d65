"""Sign-in, two-factor, password-reset, password-change and forget-a-browser forms.
Every refusal is a clear message on the form, answered 400; bytes that are not UTF-8
and control characters are named."""

from __future__ import annotations

import re
import uuid
from typing import Any

from django import forms
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from partnership.accounts.models import EMAIL_MAX, User
from partnership.accounts.passwords import PASSWORD_MAX
from partnership.core.forms import AccessibleForm, StrictBooleanField
from partnership.core.text import validate_readable, validate_single_line

CODE_MAX = 20
CODE_HINT = "The 6 digits your authenticator app shows now, or one of your recovery codes."


class _CheckedText:
    """Unreadable bytes and control characters are refused before any other check."""

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str):
            validate_readable(value)
            validate_single_line(value)
        return super().to_python(value)  # type: ignore[misc]


class TextField(_CheckedText, forms.CharField):
    pass


class EmailAddressField(_CheckedText, forms.EmailField):
    pass


def too_long(limit: int) -> str:
    return f"This must be {limit:,} characters or fewer."


def email_field() -> EmailAddressField:
    return EmailAddressField(
        label="E-mail address",
        max_length=EMAIL_MAX,
        widget=forms.EmailInput(attrs={"autocomplete": "username"}),
        error_messages={
            "required": "Enter your e-mail address.",
            "invalid": "Enter an e-mail address in the form name@example.com.",
            "max_length": too_long(EMAIL_MAX),
        },
    )


def password_field(label: str, *, autocomplete: str, required: str) -> TextField:
    return TextField(
        label=label,
        strip=False,
        max_length=PASSWORD_MAX,
        widget=forms.PasswordInput(attrs={"autocomplete": autocomplete}),
        error_messages={"required": required, "max_length": too_long(PASSWORD_MAX)},
    )


def code_field(help_text: str) -> TextField:
    return TextField(
        label="One-time code",
        max_length=CODE_MAX,
        help_text=help_text,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "spellcheck": "false"}
        ),
        error_messages={
            "required": "Enter the 6-digit code from your authenticator app.",
            "max_length": too_long(CODE_MAX),
        },
    )


class AccountForm(AccessibleForm):
    """Marks fields in error for assistive technology and clears what could not be read."""

    hint_for_every_field = False


class SignInForm(AccountForm):
    email = email_field()
    password = password_field(
        "Password", autocomplete="current-password", required="Enter your password."
    )


class CodeForm(AccountForm):
    code = code_field(
        "The 6 digits your authenticator app shows now, or one of your recovery codes."
    )
    remember = StrictBooleanField(
        label="Remember this browser for 30 days",
        required=False,
        help_text=(
            "Next time, your password will be enough on this browser. Do not tick this on "
            "a shared or public computer. You can forget it any time in your privacy centre."
        ),
    )

    def __init__(self, data: Any = None, *, allow_remember: bool = True, **kw: Any) -> None:
        super().__init__(data, **kw)
        if not allow_remember:  # staff browsers are never remembered
            del self.fields["remember"]


class EnrolForm(AccountForm):
    code = code_field("The 6 digits your authenticator app shows after adding the account.")


class PasswordResetRequestForm(AccountForm):
    email = email_field()


class NewPasswordForm(AccountForm):
    """A new password, typed twice, checked by every validator against ``user``."""

    new_password1 = password_field(
        "New password", autocomplete="new-password", required="Enter a new password."
    )
    new_password2 = password_field(
        "New password again", autocomplete="new-password", required="Enter the new password again."
    )

    def __init__(self, data: Any = None, *, user: User, **kw: Any) -> None:
        self.user = user
        super().__init__(data, **kw)
        self.fields["new_password1"].help_text = (
            "At least 12 characters; a few unrelated words make a good one. "
            "It must not be a common password or one known from a data breach."
        )
        self.fields["new_password1"].widget.attrs["aria-describedby"] = "id_new_password1_hint"

    def clean_new_password1(self) -> str:
        password: str = self.cleaned_data["new_password1"]
        validate_password(password, user=self.user)
        return password

    def clean(self) -> dict[str, Any] | None:
        cleaned = super().clean()
        first, second = (
            self.cleaned_data.get("new_password1"),
            self.cleaned_data.get("new_password2"),
        )
        if first and second and first != second:
            self.add_error("new_password2", "The two passwords are not the same.")
        return cleaned


class PasswordResetForm(NewPasswordForm):
    code = code_field("The 6 digits your authenticator app shows now, or a recovery code.")

    def __init__(self, data: Any = None, *, user: User, needs_code: bool, **kw: Any) -> None:
        super().__init__(data, user=user, **kw)
        if not needs_code:
            del self.fields["code"]


def refuse(form: AccountForm, message: str) -> None:
    """Add a message for the whole form (e.g. "the e-mail or password is not right")."""
    form.add_error(None, ValidationError(message))


class DeviceRevokeForm(AccountForm):
    """Forget one remembered browser (its id) or all of them ("all")."""

    device = forms.CharField(
        max_length=36,
        error_messages={
            "required": "Choose a browser to forget.",
            "max_length": "Choose a browser to forget.",
        },
    )

    def clean_device(self) -> str:
        value: str = self.cleaned_data["device"]
        if value == "all":
            return value
        # The shape alone is not enough ("-" * 36 has it): only a real UUID is looked up.
        if not re.fullmatch(r"[0-9a-f-]{36}", value):
            raise ValidationError("Choose a browser to forget.")
        try:
            return str(uuid.UUID(value))
        except ValueError:
            raise ValidationError("Choose a browser to forget.") from None


class PasswordChangeForm(NewPasswordForm):
    field_order = ("current_password", "new_password1", "new_password2", "code")

    current_password = password_field(
        "Current password", autocomplete="current-password", required="Enter your password."
    )
    code = code_field(CODE_HINT)


# --- passkeys (services/passkeys.py) ---------------------------------------------------
PASSKEY_NEEDS_SCRIPT = (
    "Your browser did not send a passkey. Adding or using a passkey needs JavaScript "
    "switched on; you can still sign in with your authenticator code."
)
STEP_UP_CODE_HINT = (
    "To confirm it is you: the 6 digits your authenticator app shows now, or a recovery "
    "code. Or use the button that confirms with a passkey you already have."
)


def _credential_field() -> forms.CharField:
    return forms.CharField(
        required=False,
        max_length=20_000,
        widget=forms.HiddenInput,
        error_messages={"max_length": PASSKEY_NEEDS_SCRIPT},
    )


class _StepUpForm(AccountForm):
    """A one-time code, or a passkey's answer (``assertion``, filled in by the script)."""

    code = TextField(
        label="One-time code",
        max_length=CODE_MAX,
        required=False,
        help_text=STEP_UP_CODE_HINT,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "spellcheck": "false"}
        ),
        error_messages={"max_length": too_long(CODE_MAX)},
    )
    assertion = _credential_field()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("code") and not data.get("assertion") and "code" not in self.errors:
            self.add_error("code", "Enter the 6-digit code from your authenticator app.")
        return data


class PasskeyAddForm(_StepUpForm):
    field_order = ("name", "code")

    name = TextField(
        label="Name for this passkey",
        max_length=60,
        help_text="So you can tell your passkeys apart, for example: My phone.",
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        error_messages={
            "required": "Give the passkey a name, for example: My phone.",
            "max_length": too_long(60),
        },
    )
    credential = _credential_field()

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("credential") and "credential" not in self.errors:
            self.add_error(None, PASSKEY_NEEDS_SCRIPT)
        return data

    def clean_name(self) -> str:
        name: str = self.cleaned_data["name"]
        if re.search(r"[<>]", name):
            raise ValidationError("The name cannot contain < or >. Please remove them.")
        return name


class PasskeyRemoveForm(_StepUpForm):
    passkey = forms.UUIDField(
        widget=forms.HiddenInput,
        error_messages={
            "required": "Choose a passkey to remove.",
            "invalid": "Choose a passkey to remove.",
        },
    )


class PasskeySignInForm(AccountForm):
    credential = _credential_field()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("credential") and "credential" not in self.errors:
            self.add_error(None, PASSKEY_NEEDS_SCRIPT)
        return data
