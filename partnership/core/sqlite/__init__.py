"""Django's SQLite backend, creating the database file owner-only (``base.py``)."""
