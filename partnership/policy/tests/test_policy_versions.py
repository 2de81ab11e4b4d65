from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, transaction
from django.test import Client

from partnership.policy import selectors
from partnership.policy.models import PolicyVersion
from partnership.policy.services import policy_publish

pytestmark = pytest.mark.django_db

OLD_BODY = "## Cookies\n\nWe set few cookies.\n\n## Rights\n\nAsk us.\n"
NEW_BODY = (
    "## Cookies\n\nWe set very few cookies.\n\n## Rights\n\nAsk us.\n\n"
    "## Complaints\n\nUse the form.\n"
)


def publish_two() -> tuple[PolicyVersion, PolicyVersion]:
    first = policy_publish(summary="First.", body=OLD_BODY, effective_from=dt.date(2026, 1, 1))
    second = policy_publish(summary="Second.", body=NEW_BODY, effective_from=dt.date(2026, 2, 1))
    return first, second


def test_versions_are_numbered_in_order_of_publication() -> None:
    first, second = publish_two()

    assert (first.number, second.number) == (1, 2)
    assert list(PolicyVersion.objects.values_list("number", flat=True)) == [2, 1]


def test_a_version_cannot_take_effect_before_the_one_it_follows() -> None:
    publish_two()

    with pytest.raises(ValidationError) as raised:
        policy_publish(summary="Back-dated.", body="x", effective_from=dt.date(2026, 1, 15))

    assert "effective_from" in raised.value.message_dict
    assert PolicyVersion.objects.count() == 2


def test_empty_summary_is_refused_and_nothing_is_published() -> None:
    with pytest.raises(ValidationError):
        policy_publish(summary="   ", body="Text", effective_from=dt.date(2026, 1, 1))

    assert PolicyVersion.objects.count() == 0


def test_markdown_is_rendered_without_letting_html_or_script_links_through() -> None:
    version = policy_publish(
        summary="Injection.",
        body="<script>alert(1)</script>\n\n[click](javascript:alert(1)) <img src=x onerror=y>",
        effective_from=dt.date(2026, 1, 1),
    )

    assert "<script>" not in version.body_html
    assert "&lt;script&gt;" in version.body_html
    assert 'href="javascript:' not in version.body_html
    assert "<img" not in version.body_html


def test_in_force_is_the_latest_version_already_effective(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    first, _ = publish_two()
    monkeypatch.setattr("partnership.core.clock.today_in_london", lambda: dt.date(2026, 1, 20))

    assert selectors.policy_in_force() == first


def test_diff_marks_removed_and_added_lines() -> None:
    first, second = publish_two()

    diff = [(line.kind, line.text) for line in selectors.policy_diff(older=first, newer=second)]

    assert ("removed", "We set few cookies.") in diff
    assert ("added", "We set very few cookies.") in diff
    assert ("added", "## Complaints") in diff
    assert ("added", "Use the form.") in diff
    assert ("same", "## Rights") in diff


def test_published_version_cannot_be_changed_through_the_orm(
    protected_tables_enforced: None,
) -> None:
    first, _ = publish_two()

    with pytest.raises(DatabaseError), transaction.atomic():
        PolicyVersion.objects.filter(pk=first.pk).update(body="Rewritten history")
    first.summary = "Changed"
    with pytest.raises(DatabaseError), transaction.atomic():
        first.save()
    with pytest.raises(DatabaseError), transaction.atomic():
        first.delete()

    first.refresh_from_db()
    assert first.body == OLD_BODY
    assert first.summary == "First."
    assert PolicyVersion.objects.count() == 2


def test_published_version_cannot_be_changed_through_raw_sql(
    protected_tables_enforced: None,
) -> None:
    first, _ = publish_two()

    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE privacy_policyversion SET body = 'x' WHERE id = %s", [first.pk])
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM privacy_policyversion")
    if connection.vendor == "postgresql":
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("TRUNCATE privacy_policyversion CASCADE")

    assert PolicyVersion.objects.get(pk=first.pk).body == OLD_BODY
    assert PolicyVersion.objects.count() == 2


def test_policy_page_shows_the_version_in_force(client: Client) -> None:
    publish_two()

    response = client.get("/privacy/")

    body = response.content.decode()
    assert response.status_code == 200
    assert "Version 2, in force since 1 February 2026" in body
    assert "We set very few cookies." in body


def test_policy_page_without_any_version_says_so(client: Client) -> None:
    response = client.get("/privacy/")

    assert response.status_code == 200
    assert "No version of the privacy policy has been published yet." in response.content.decode()


def test_versions_page_lists_every_version_with_its_summary(client: Client) -> None:
    publish_two()

    body = client.get("/privacy/versions/").content.decode()

    assert '<a href="/privacy/versions/1/">Version 1</a>' in body
    assert '<a href="/privacy/versions/2/">Version 2</a> <span class="tag">in force</span>' in body
    assert "First." in body
    assert "Second." in body


def test_version_page_shows_its_diff_to_the_previous_one(client: Client) -> None:
    publish_two()

    body = client.get("/privacy/versions/2/").content.decode()

    assert "Changes since version 1" in body
    assert '<del><span class="visually-hidden">Removed: </span>We set few cookies.</del>' in body
    assert '<ins><span class="visually-hidden">Added: </span>## Complaints</ins>' in body


def test_first_version_page_says_it_is_the_first(client: Client) -> None:
    publish_two()

    body = client.get("/privacy/versions/1/").content.decode()

    assert "This is the first published version." in body


@pytest.mark.parametrize("path", ["/privacy/versions/3/", "/privacy/versions/0/"])
def test_missing_version_is_404(client: Client, path: str) -> None:
    publish_two()

    assert client.get(path).status_code == 404


def test_version_number_that_is_not_a_number_is_404(client: Client) -> None:
    assert client.get("/privacy/versions/abc/").status_code == 404
    assert client.get("/privacy/versions/99999999999999999999999/").status_code == 404
