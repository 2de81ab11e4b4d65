"""Reading the consent banner's buttons from a page, and pressing one as a browser would.

A button submits the form it belongs to: its own ``<form>`` ancestor, or the form its
``form`` attribute names, to its ``formaction`` when it has one. Pressing it here sends
exactly those fields, so a test posts what the rendered HTML would have the browser post.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

BANNER_CLASS = "consent-banner"


@dataclass
class Form:
    action: str
    fields: list[tuple[str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class Button:
    label: str
    name: str
    value: str
    form: Form
    formaction: str


class _Forms(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.by_id: dict[str, Form] = {}
        self.stack: list[Form] = []
        self.banner_depth = 0  # open elements since the banner's <section>, 0 outside
        self.pending: list[tuple[dict[str, str], Form | None]] = []  # banner buttons
        self.button: dict[str, str] | None = None
        self.button_owner: Form | None = None
        self.label = ""
        self.buttons: list[tuple[dict[str, str], Form | None, str]] = []
        self.inputs: list[tuple[dict[str, str], Form | None]] = []
        self.text: dict[str, str] | None = None  # an open <textarea>
        self.select: dict[str, str] = {}  # the <select> whose options are being read

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {name: value or "" for name, value in attrs}
        if self.banner_depth:
            self.banner_depth += tag not in {"input", "br", "img"}
        elif tag == "section" and BANNER_CLASS in a.get("class", "").split():
            self.banner_depth = 1
        if tag == "form":
            form = Form(action=a.get("action", ""))
            self.stack.append(form)
            if a.get("id"):
                self.by_id[a["id"]] = form
        elif tag == "input":
            self.inputs.append((a, self.stack[-1] if self.stack else None))
        elif tag == "textarea":
            self.inputs.append((a, self.stack[-1] if self.stack else None))
            self.text = a
        elif tag == "select":
            self.select = a
        elif tag == "option" and "selected" in a:
            owner = self.stack[-1] if self.stack else None
            self.inputs.append(({**self.select, "value": a.get("value", "")}, owner))
        elif tag == "button" and self.banner_depth:
            self.button, self.label = a, ""
            self.button_owner = self.stack[-1] if self.stack else None

    def handle_endtag(self, tag: str) -> None:
        if tag == "button" and self.button is not None:
            self.buttons.append((self.button, self.button_owner, self.label.strip()))
            self.button = None
        if tag == "textarea" and self.text is not None:
            # A browser drops the one newline that may follow <textarea>.
            self.text["value"] = self.text.get("value", "").removeprefix("\n")
            self.text = None
        if tag == "form" and self.stack:
            self.stack.pop()
        if self.banner_depth:
            self.banner_depth -= 1

    def handle_data(self, data: str) -> None:
        if self.text is not None:
            self.text["value"] = self.text.get("value", "") + data
        if self.button is not None:
            self.label += data

    def owner(self, attrs: dict[str, str], ancestor: Form | None) -> Form | None:
        return self.by_id.get(attrs["form"]) if "form" in attrs else ancestor

    def banner_buttons(self) -> list[Button]:
        for attrs, ancestor in self.inputs:
            form = self.owner(attrs, ancestor)
            kind = attrs.get("type", "text")
            if form is not None and kind not in {"checkbox", "radio", "submit"}:
                form.fields.append((attrs.get("name", ""), attrs.get("value", "")))
            elif form is not None and "checked" in attrs:
                form.fields.append((attrs["name"], attrs.get("value", "on")))
        found = []
        for attrs, ancestor, label in self.buttons:
            form = self.owner(attrs, ancestor)
            assert form is not None, f"banner button {label!r} belongs to no form"
            found.append(
                Button(
                    label=label,
                    name=attrs.get("name", ""),
                    value=attrs.get("value", ""),
                    form=form,
                    formaction=attrs.get("formaction", form.action),
                )
            )
        return found


def banner_buttons(html: str) -> dict[str, Button]:
    """The banner's buttons by label ("Accept research cookies", ...); {} when no banner."""
    parser = _Forms()
    parser.feed(html)
    return {button.label: button for button in parser.banner_buttons()}


def pressed(button: Button) -> tuple[str, dict[str, list[str]]]:
    """The URL and the fields a browser posts when ``button`` is pressed."""
    data: dict[str, list[str]] = {}
    for name, value in [*button.form.fields, (button.name, button.value)]:
        if name:
            data.setdefault(name, []).append(value)
    return button.formaction, data


def form_values(html: str, form_id: str) -> dict[str, list[str]]:
    """The fields a browser would send with the form ``form_id`` as the page shows it."""
    parser = _Forms()
    parser.feed(html)
    parser.banner_buttons()  # fills every form's fields
    form = parser.by_id[form_id]
    values: dict[str, list[str]] = {}
    for name, value in form.fields:
        if name:
            values.setdefault(name, []).append(value)
    return values
