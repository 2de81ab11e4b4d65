"""Fetch one page through Django in whatever mode the environment sets; print JSON.

Settings are read once per process, so tests of production mode (HTTPS=on) run
this in a subprocess: ``python -m tests.production_probe /path/``.
"""

from __future__ import annotations

import json
import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "partnership.settings")
    import django

    django.setup()
    from django.test import Client

    host = os.environ["PROBE_HOST"]
    client = Client(HTTP_HOST=host)
    response = client.get(sys.argv[1], secure=sys.argv[2:] != ["--insecure"])
    headers = [(name, value) for name, value in response.headers.items()]
    headers += [("Set-Cookie", morsel.OutputString()) for morsel in response.cookies.values()]
    json.dump(
        {
            "status": response.status_code,
            "headers": headers,
            "body": response.content.decode("utf-8", "replace"),
        },
        sys.stdout,
    )


if __name__ == "__main__":
    main()
