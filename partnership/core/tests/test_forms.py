"""A checkbox is ticked by its own value only (partnership.core.forms)."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from django import forms
from django.http import QueryDict
from django.template import Context, Template

from partnership.core.forms import NOT_A_TICK_MESSAGE, StrictBooleanField


class Choices(forms.Form):
    optional = StrictBooleanField(label="Optional", required=False)
    needed = StrictBooleanField(label="Needed", error_messages={"required": "Tick to agree."})


def bound(query: str) -> Choices:
    return Choices(QueryDict(query))


def test_on_ticks_and_absence_leaves_unticked() -> None:
    form = bound("optional=on&needed=on")
    assert form.is_valid()
    assert form.cleaned_data == {"optional": True, "needed": True}

    form = bound("needed=on")
    assert form.is_valid()
    assert form.cleaned_data == {"optional": False, "needed": True}


def test_an_empty_value_is_unticked_as_a_kept_draft_holds_it() -> None:
    form = bound("optional=&needed=on")
    assert form.is_valid()
    assert form.cleaned_data["optional"] is False


@pytest.mark.parametrize(
    "value",
    ["yes", "true", "True", "1", "ON", "On", " on", "on ", "off", "false", "0", "no", "x" * 5000],
)
def test_any_other_value_is_a_form_error(value: str) -> None:
    form = Choices(QueryDict(urlencode({"optional": value, "needed": "on"})))

    assert not form.is_valid()
    assert form.errors == {"optional": [NOT_A_TICK_MESSAGE]}


def test_the_field_sent_twice_is_a_form_error() -> None:
    form = bound("optional=on&optional=on&needed=on")

    assert not form.is_valid()
    assert form.errors == {"optional": [NOT_A_TICK_MESSAGE]}


def test_a_required_box_left_empty_says_what_to_do() -> None:
    form = bound("optional=on")

    assert not form.is_valid()
    assert form.errors == {"needed": ["Tick to agree."]}


def test_the_box_renders_without_a_value_so_a_browser_sends_on() -> None:
    html = str(Choices(initial={"optional": True})["optional"])

    assert 'type="checkbox"' in html
    assert "value=" not in html
    assert "checked" in html
    assert "checked" not in str(Choices()["optional"])


def test_a_refused_value_renders_unticked() -> None:
    form = bound("optional=yes&needed=on")
    form.is_valid()

    html = str(form["optional"])
    assert "checked" not in html
    assert "value=" not in html
    assert form.has_changed()


def test_every_checkbox_on_the_site_is_strict() -> None:
    import partnership.urls  # noqa: F401 (loads every view, so every form class)

    def subclasses(cls: type) -> set[type]:
        found = set(cls.__subclasses__())
        return found.union(*(subclasses(sub) for sub in found))

    checkboxes = {
        f"{form.__module__}.{form.__name__}.{name}": isinstance(field, StrictBooleanField)
        for form in subclasses(forms.BaseForm)
        if form.__module__.startswith("partnership.") and ".tests." not in form.__module__
        for name, field in form.base_fields.items()  # type: ignore[attr-defined]
        if isinstance(field, forms.BooleanField)
    }
    assert checkboxes["partnership.privacy_centre.forms.MarketingForm.email"]
    assert checkboxes["partnership.applications.steps.forms.ContactForm.marketing_post"]
    assert sorted(name for name, strict in checkboxes.items() if not strict) == []


def test_templates_see_the_box_as_a_checkbox_so_its_label_wraps_it() -> None:
    # The shared field templates branch on widget_type == "checkbox"; the widget's own
    # class name would have made it "strictcheckbox" and put the label above the box.
    form = Choices()
    rendered = Template(
        '{% for f in form %}{% if f.widget_type == "checkbox" %}'
        "<label>{{ f }} {{ f.label }}</label>"
        "{% else %}other{% endif %}{% endfor %}"
    ).render(Context({"form": form}))

    assert [field.widget_type for field in form] == ["checkbox", "checkbox"]
    assert rendered == (
        '<label><input type="checkbox" name="optional" id="id_optional"> Optional</label>'
        '<label><input type="checkbox" name="needed" required id="id_needed"> Needed</label>'
    )
