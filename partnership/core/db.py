"""Database-level guards shared by apps: tables whose rows may never change.

Some tables are append-only or write-once (published policy versions; later the
audit log). Triggers refuse UPDATE and DELETE on them (and TRUNCATE on PostgreSQL)
whatever the caller, the ORM or raw SQL. ``protected_tables_sql`` writes those
triggers for a migration.

The test suite alone needs to reset such tables between tests. It does so through
``allow_protected_writes``: on SQLite the triggers call ``partnership_maintenance()``,
a function this process registers on each connection (the sqlite3 shell has no such
function, so there the trigger fails closed); on PostgreSQL they read the session
setting ``partnership.maintenance``. Production code never calls it.
"""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.signals import connection_created

_maintenance = False


def install_connection_hooks() -> None:
    connection_created.connect(_on_connection_created, dispatch_uid="core.db.maintenance")


def allow_protected_writes(enabled: bool) -> None:
    """Test-only: let the test runner empty protected tables. Never used in production."""
    global _maintenance
    _maintenance = enabled
    if connection.connection is not None:
        _apply(connection)


def _on_connection_created(sender: Any, connection: BaseDatabaseWrapper, **kwargs: Any) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            "partnership_maintenance", 0, lambda: int(_maintenance), deterministic=False
        )
    else:
        _apply(connection)


def _apply(conn: BaseDatabaseWrapper) -> None:
    if conn.vendor == "postgresql":
        with conn.cursor() as cursor:
            cursor.execute(
                "SELECT set_config('partnership.maintenance', %s, false)",
                ["on" if _maintenance else "off"],
            )


def protected_table_sql(*, vendor: str, table: str, message: str) -> tuple[list[str], list[str]]:
    """SQL statements (forward, reverse) making ``table`` refuse UPDATE, DELETE, TRUNCATE."""
    if vendor == "sqlite":
        forward = [
            f"CREATE TRIGGER {table}_no_{op.lower()} BEFORE {op} ON {table} "
            f"WHEN partnership_maintenance() = 0 "
            f"BEGIN SELECT RAISE(ABORT, '{message}'); END"
            for op in ("UPDATE", "DELETE")
        ]
        reverse = [f"DROP TRIGGER IF EXISTS {table}_no_{op}" for op in ("update", "delete")]
        return forward, reverse
    if vendor == "postgresql":
        function = f"{table}_refuse_change"
        forward = [
            f"""CREATE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('partnership.maintenance', true) = 'on' THEN
        RETURN COALESCE(NEW, OLD);
    END IF;
    RAISE EXCEPTION '{message}' USING ERRCODE = 'integrity_constraint_violation';
END $$""",
            f"CREATE TRIGGER {table}_no_change BEFORE UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {function}()",
            f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {function}()",
        ]
        return forward, [f"DROP FUNCTION IF EXISTS {function}() CASCADE"]
    raise NotImplementedError(f"protected tables are not implemented for {vendor}")


def protect_table(*, table: str, message: str) -> Any:
    """A migration operation installing the triggers for whichever database runs it."""
    from django.db import migrations

    def forward(apps: Any, schema_editor: Any) -> None:
        sql, _ = protected_table_sql(
            vendor=schema_editor.connection.vendor, table=table, message=message
        )
        for statement in sql:
            schema_editor.execute(statement)

    def reverse(apps: Any, schema_editor: Any) -> None:
        _, sql = protected_table_sql(
            vendor=schema_editor.connection.vendor, table=table, message=message
        )
        for statement in sql:
            schema_editor.execute(statement)

    return migrations.RunPython(forward, reverse)
