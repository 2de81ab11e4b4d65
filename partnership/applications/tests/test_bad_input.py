"""Bad input: a clear message on the step, the rest of the typed data kept, nothing stored."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from partnership.applications.models import Application, ApplicationDraft
from partnership.applications.steps import STEPS
from partnership.applications.tests.support import (
    SAME_ORIGIN,
    answers,
    hidden,
    rate_limits_forgotten,
    walk_cookieless,
)
from partnership.core import clock
from partnership.privacy import inventory, retention

pytestmark = pytest.mark.django_db

TODAY = clock.today_in_london()
SEVENTEEN = TODAY.replace(year=TODAY.year - 17).strftime("%d/%m/%Y")
HUGE = "x" * 100_000

CASES = [
    ("personal", {"date_of_birth": "31/02/1990"}, "Enter a real date as DD/MM/YYYY"),
    ("personal", {"date_of_birth": SEVENTEEN}, "You must be 18 or over to apply."),
    ("personal", {"date_of_birth": "01/01/1850"}, "Check the year of your date of birth."),
    ("personal", {"first_name": "Jоhn"}, "mixes letters from different alphabets"),
    ("personal", {"last_name": "Love\x00lace"}, "control characters"),
    ("personal", {"first_name": HUGE}, "100 characters or fewer"),
    ("addresses", {"postcode_1": "NOT A CODE"}, "Enter a UK postcode, for example SW1A 1AA."),
    ("addresses", {"since_1": "13/2020"}, "Enter the month and year as MM/YYYY"),
    ("addresses", {"since_1": "01/2099"}, "This date is in the future."),
    ("addresses", {"address_1": HUGE}, "300 characters or fewer"),
    ("employment", {"annual_income": "-5"}, "Enter an amount of zero or more."),
    ("employment", {"annual_income": "9999999999"}, "more than we can accept"),
    ("employment", {"annual_income": "NaN"}, "Enter an amount in pounds"),
    ("employment", {"annual_income": HUGE}, "Enter an amount in pounds"),
    ("contact", {"email": "not-an-address"}, "Enter an e-mail address"),
    ("contact", {"phone": "12"}, "Enter a UK phone number"),
    ("contact", {"statements": ""}, "Choose paperless or paper statements."),
    ("contact", {"statements": "by-pigeon"}, "Choose paperless or paper statements."),
]


def _walk_to(client: Client, step: str) -> str:
    """The page of ``step`` after answering every step before it; returns its body."""
    order = [s.name for s in STEPS]
    before = {name: answers()[name] for name in order[: order.index(step)]}
    if not before:
        return str(client.post("/apply/", {}, headers=SAME_ORIGIN).content.decode())
    last = list(before)[-1]
    return str(walk_cookieless(client, before, until=last).content.decode())


@pytest.mark.parametrize(("step", "bad", "message"), CASES)
def test_bad_input_is_refused_on_its_step_keeping_the_rest(
    cookieless: Client, step: str, bad: dict[str, str], message: str
) -> None:
    page = _walk_to(cookieless, step)
    stored_before = ApplicationDraft.objects.get().answers

    response = cookieless.post(
        f"/apply/{step}/",
        {**answers()[step], **bad, "draft": hidden(page, "draft")},
        headers=SAME_ORIGIN,
    )

    body = response.content.decode()
    assert response.status_code == 400
    assert message in body
    assert 'class="error-summary"' in body
    unescaped = body.replace("&#x27;", "'")
    for name, value in answers()[step].items():
        if name not in bad and value != "on":
            assert value in unescaped, name
    assert ApplicationDraft.objects.get().answers == stored_before
    assert Application.objects.count() == 0


def test_addresses_must_cover_three_years(cookieless: Client) -> None:
    page = _walk_to(cookieless, "addresses")
    recent = (TODAY - dt.timedelta(days=400)).strftime("%m/%Y")

    response = cookieless.post(
        "/apply/addresses/",
        {**answers()["addresses"], "since_1": recent, "draft": hidden(page, "draft")},
        headers=SAME_ORIGIN,
    )

    assert response.status_code == 400
    assert "we need the one before it" in response.content.decode()


def test_every_form_field_has_an_inventory_purpose_and_retention_rule() -> None:
    """Data minimisation: no field is asked without a declared purpose and rule."""
    entry = inventory.entry_for_model(Application)
    assert entry is not None
    assert retention.rule_named(entry.retention_rule) is not None
    for step in STEPS:
        form = step.form()
        assert set(form.fields) == set(step.form.columns), step.name
        for name in form.fields:
            declared = entry.field_named(step.form.columns[name])
            assert declared.purpose, (step.name, name)
            assert declared.lawful_basis, (step.name, name)


_text = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=400),
    st.sampled_from(["", "yes", "no", "on", "-1", "1e9", "31/02/2000", "SW1A 1AA", "04/2019"]),
)


@pytest.mark.parametrize("step", [step.name for step in STEPS])
@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_fuzzing_any_step_never_answers_5xx(step: str, data: st.DataObject) -> None:
    rate_limits_forgotten()  # each example a new visitor: 40 starts would pass the limit
    client = Client(enforce_csrf_checks=True)
    page = client.post("/apply/", {}, headers=SAME_ORIGIN).content.decode()
    form = next(s.form for s in STEPS if s.name == step)()
    post = {name: data.draw(_text, label=name) for name in form.fields}
    post["draft"] = data.draw(st.sampled_from([hidden(page, "draft"), "", "forged:ref"]))
    post["go"] = data.draw(st.sampled_from(["next", "back", "show", ""]))

    response = client.post(f"/apply/{step}/", post, headers=SAME_ORIGIN)

    assert response.status_code < 500


@pytest.mark.parametrize("step", [step.name for step in STEPS])
@settings(max_examples=150)
@given(data=st.data())
def test_fuzzing_any_step_form_only_ever_refuses_with_messages(
    step: str, data: st.DataObject
) -> None:
    form_class = next(s.form for s in STEPS if s.name == step)
    post = {name: data.draw(_text, label=name) for name in form_class.base_fields}

    form = form_class(post)

    if form.is_valid():
        assert form_class(form.answers()).is_valid()  # what the draft keeps is accepted again
    else:
        assert all(messages for messages in form.errors.values())
