"""Form fields shared by every app.

``StrictBooleanField`` is the site's only checkbox. Django's own ``BooleanField``
counts any submitted value but "false" and "0" as ticked ("yes", "off", "no"): a
choice such as marketing consent must be ticked by the box itself. A browser sends
``on`` for a ticked box (the widget renders no ``value`` attribute) and nothing at
all for an unticked one; anything else — another value, the field twice — is a form
error, not a guess.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from django import forms
from django.core.exceptions import ValidationError

from partnership.core.text import UNREADABLE_MESSAGE

TICKED = "on"
NOT_A_TICK_MESSAGE = "Tick the box or leave it empty: nothing else can be sent for it."


class _Several(tuple[str, ...]):
    """More than one value under the field's name (never sent by a browser)."""


class StrictCheckboxInput(forms.CheckboxInput):
    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, check_test=_shows_ticked)

    def format_value(self, value: Any) -> str | None:
        return None  # no value attribute: a ticked box sends exactly TICKED

    def value_from_datadict(self, data: Mapping[str, Any], files: Any, name: str) -> Any:
        if name not in data:
            return False
        values = data.getlist(name) if hasattr(data, "getlist") else [data[name]]
        if len(values) != 1:
            return _Several(str(value) for value in values)
        return values[0]

    def value_omitted_from_data(self, data: Mapping[str, Any], files: Any, name: str) -> bool:
        return False  # an unticked box is absent from the data: that is a value


def _shows_ticked(value: Any) -> bool:
    return value is True or value == TICKED


class _CheckboxBoundField(forms.BoundField):
    @property
    def widget_type(self) -> str:
        # Templates branch on "checkbox"; the class name would make it "strictcheckbox".
        return "checkbox"


class StrictBooleanField(forms.BooleanField):
    """A checkbox: True for ``on``, False when absent (or empty, as a kept draft
    holds it), a form error for anything else."""

    widget = StrictCheckboxInput
    bound_field_class = _CheckboxBoundField
    default_error_messages = {"invalid": NOT_A_TICK_MESSAGE}

    def to_python(self, value: Any) -> bool:
        if value is True or value is False:
            return value
        if value is None or value == "":
            return False
        if value == TICKED:
            return True
        raise ValidationError(self.error_messages["invalid"], code="invalid")

    def has_changed(self, initial: Any, data: Any) -> bool:
        try:
            return super().has_changed(initial, data)
        except ValidationError:
            return True  # not a value the box can hold: certainly not the initial one


class AccessibleForm(forms.Form):
    """A form that tells assistive technology which fields are in error, and clears
    what could not be read.

    ``unreadable`` names the fields whose submitted bytes could not be read
    (``core.text.unreadable_fields``): they are emptied before validation, so nothing
    garbled is shown back, and get the one message that says so. Each field is
    described by its hint (``id_<name>_hint``) — every field, or with
    ``hint_for_every_field = False`` only those with help text — and, once in error,
    by its error message first.
    """

    hint_for_every_field: ClassVar[bool] = True

    def __init__(self, data: Any = None, *, unreadable: frozenset[str] = frozenset(), **kw: Any):
        self.unreadable = unreadable & set(self.base_fields)
        if data is not None and self.unreadable:
            data = data.copy()
            for name in self.unreadable:
                data[name] = ""
        super().__init__(data, **kw)
        for name, field in self.fields.items():
            if self._hinted(field):
                field.widget.attrs["aria-describedby"] = f"id_{name}_hint"

    def _hinted(self, field: forms.Field) -> bool:
        return self.hint_for_every_field or bool(field.help_text)

    def full_clean(self) -> None:
        super().full_clean()
        for name in self.unreadable:
            self.cleaned_data.pop(name, None)
            self.errors[name] = self.error_class([UNREADABLE_MESSAGE], renderer=self.renderer)
        for name in self.errors:
            if name in self.fields:
                field = self.fields[name]
                hint = f" id_{name}_hint" if self._hinted(field) else ""
                field.widget.attrs["aria-invalid"] = "true"
                field.widget.attrs["aria-describedby"] = f"id_{name}_error{hint}"
