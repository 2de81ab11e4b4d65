"""What every step's form is. Each says which application column each of its fields fills
(``columns``): the data inventory states the purpose and retention of every column,
and a test fails for a field without one (data minimisation).

A step's answers are kept in the draft as the form's own canonical strings
(``answers()``), so the submission validates every step again from the draft.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from django import forms

from partnership.core.text import UNREADABLE_MESSAGE


class StepForm(forms.Form):
    columns: ClassVar[dict[str, str]] = {}
    radio_fields: ClassVar[frozenset[str]] = frozenset()
    checkbox_fields: ClassVar[frozenset[str]] = frozenset()

    def __init__(
        self,
        data: Any = None,
        *,
        initial: dict[str, Any] | None = None,
        unreadable: frozenset[str] = frozenset(),
    ) -> None:
        self.unreadable = unreadable & set(self.base_fields)
        if data is not None and self.unreadable:
            data = data.copy()
            for name in self.unreadable:
                data[name] = ""
        super().__init__(data, initial=initial)
        for name, field in self.fields.items():
            field.widget.attrs["aria-describedby"] = f"id_{name}_hint"

    def full_clean(self) -> None:
        super().full_clean()
        for name in self.unreadable:
            self.cleaned_data.pop(name, None)
            self.errors[name] = self.error_class([UNREADABLE_MESSAGE], renderer=self.renderer)
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["aria-invalid"] = "true"
                widget.attrs["aria-describedby"] = f"id_{name}_error id_{name}_hint"

    def answers(self) -> dict[str, str]:
        """The cleaned answers as strings this form accepts again."""
        assert self.is_valid()
        out: dict[str, str] = {}
        for name in self.fields:
            value = self.cleaned_data.get(name)
            if isinstance(value, bool):
                out[name] = "on" if value else ""
            elif isinstance(value, dt.date):
                out[name] = value.strftime("%m/%Y" if name.startswith("since_") else "%d/%m/%Y")
            elif value is None:
                out[name] = ""
            else:
                out[name] = str(value)
        return out
