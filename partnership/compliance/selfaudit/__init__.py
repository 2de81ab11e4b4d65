"""The privacy self-audit (DESIGN §2, ``manage.py privacy_audit``): every promise checked
against the live data. See ``registry.py`` and docs/self-audit.md."""
