"""The split of the privacy app (consent 0001, compliance 0001, policy 0001, privacy
0009) moves only Django's state and the content types: every row of every moved table
is the same before, after and after going back. Rows are written in the old shape
(privacy 0008) through the historical models.

Runs on SQLite and, with DATABASE_URL, on PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from django.apps.registry import Apps
from django.db import connection, models
from django.db.migrations.executor import MigrationExecutor

from partnership.compliance.complaints.models import Complaint
from partnership.crypto.fields import EncryptedFieldMixin

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [
    ("privacy", "0008_marketing_export_members"),
    ("consent", None),
    ("compliance", None),
    ("policy", None),
]
# Each moved model, in an order that creates a row before the rows pointing at it.
MOVED = {
    "policyversion": "policy",
    "consentrecord": "consent",
    "complaint": "compliance",
    "rightsrequest": "compliance",
    "rightsrequestpause": "compliance",
    "marketingrecipient": "compliance",
    "marketingexport": "compliance",
    "marketingexportmember": "compliance",
    "processor": "compliance",
}


def migrate(targets: list[tuple[str, str | None]]) -> Apps:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    nodes = [(app, name) for app, name in targets if name is not None]
    return executor.loader.project_state(nodes).apps


def leaves() -> list[tuple[str, str | None]]:
    return list(MigrationExecutor(connection).loader.graph.leaf_nodes())


@pytest.fixture
def old_shape() -> Iterator[Apps]:
    """The database at privacy 0008; put back at the newest migrations afterwards."""
    newest = leaves()
    try:
        yield migrate(BEFORE)
    finally:
        migrate(newest)


def _value(field: models.Field[Any, Any], made: dict[str, Any], user: Any) -> Any:
    """A valid value for one field of a historical model."""
    if field.is_relation:
        related: Any = field.related_model
        name = str(related._meta.model_name)
        return user if name == "user" else made[name]
    if field.choices:
        return field.choices[0][0]
    if isinstance(field, models.JSONField):
        return ["website"]
    if isinstance(field, models.UUIDField):
        return uuid.uuid4()
    if isinstance(field, models.DateTimeField):
        return dt.datetime(2026, 11, 2, 9, 30, tzinfo=dt.UTC)
    if isinstance(field, models.DateField):
        return dt.date(2026, 11, 2)
    if isinstance(field, models.BooleanField):
        return True
    if isinstance(field, models.IntegerField):
        return 3
    return f"{field.name} value"[: field.max_length or 100]


def populate(apps: Apps) -> dict[str, Any]:
    user = apps.get_model("accounts", "User").objects.create(
        password="!", login_index="migration-test"
    )
    made: dict[str, Any] = {}
    for name in MOVED:
        model = apps.get_model("privacy", name)
        values = {
            field.name: _value(field, made, user)
            for field in model._meta.concrete_fields
            if not field.primary_key or isinstance(field, models.UUIDField)
        }
        values.pop("id", None)
        made[name] = model.objects.create(**values)
    return made


def content_types(apps: Apps) -> dict[str, tuple[int, str]]:
    model = apps.get_model("contenttypes", "ContentType")
    return {ct.model: (ct.pk, ct.app_label) for ct in model.objects.filter(model__in=list(MOVED))}


def rows() -> dict[str, list[tuple[Any, ...]]]:
    found = {}
    with connection.cursor() as cursor:
        for name in MOVED:
            cursor.execute(f"SELECT * FROM privacy_{name} ORDER BY 1")
            found[name] = [tuple(row) for row in cursor.fetchall()]
    return found


def trimmed(
    found: dict[str, list[tuple[Any, ...]]], like: dict[str, list[tuple[Any, ...]]]
) -> dict[str, list[tuple[Any, ...]]]:
    """``found`` cut to the number of columns each table has in ``like``."""
    return {
        name: [row[: len(like[name][0])] for row in table_rows]
        for name, table_rows in found.items()
    }


def test_every_row_and_content_type_survives_the_split_both_ways(old_shape: Apps) -> None:
    made = populate(old_shape)
    content_type = old_shape.get_model("contenttypes", "ContentType")
    for name in MOVED:
        content_type.objects.get_or_create(app_label="privacy", model=name)
    before_rows, before_types = rows(), content_types(old_shape)
    assert all(len(found) == 1 for found in before_rows.values())

    after = migrate(leaves())

    # Later migrations may add columns (at the end): the old ones keep their values.
    assert trimmed(rows(), before_rows) == before_rows
    assert content_types(after) == {
        name: (pk, MOVED[name]) for name, (pk, _) in before_types.items()
    }
    complaint = Complaint.objects.get()
    assert complaint.name == made["complaint"].name  # still decrypts under its new app

    back = migrate(BEFORE)

    assert rows() == before_rows
    assert content_types(back) == before_types


def test_encrypted_fields_keep_their_label() -> None:
    field = Complaint._meta.get_field("name")
    assert isinstance(field, EncryptedFieldMixin)
    assert field.associated_data("x") == b"privacy.complaint|name|x"
