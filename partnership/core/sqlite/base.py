"""Django's SQLite backend, except that a missing database file is created 0600 first.

SQLite would create it with the umask's default (0644), and gives the ``-wal`` and
``-shm`` files the database file's own mode, so creating it 0600 (its folder 0700,
``var/`` included when missing) before SQLite opens it keeps all three owner-only.
This is also what lets ``migrate`` run on a fresh machine with no ``var/`` yet.
"""

from __future__ import annotations

from typing import Any

from django.db.backends.sqlite3 import base

from partnership.core.private_files import create_private_file


class DatabaseWrapper(base.DatabaseWrapper):
    def get_new_connection(self, conn_params: dict[str, Any]) -> Any:
        name = conn_params["database"]
        if not self.creation.is_in_memory_db(name) and not str(name).startswith("file:"):
            create_private_file(name)
        return super().get_new_connection(conn_params)
