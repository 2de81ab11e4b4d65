"""What every step's form is. Each says which application column each of its fields fills
(``columns``): the data inventory states the purpose and retention of every column,
and a test fails for a field without one (data minimisation).

A step's answers are kept in the draft as the form's own canonical strings
(``answers()``), so the submission validates every step again from the draft.
"""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from partnership.core.forms import AccessibleForm


class StepForm(AccessibleForm):
    columns: ClassVar[dict[str, str]] = {}
    radio_fields: ClassVar[frozenset[str]] = frozenset()
    checkbox_fields: ClassVar[frozenset[str]] = frozenset()

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
