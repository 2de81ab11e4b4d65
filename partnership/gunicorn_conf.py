"""gunicorn settings for ``WEB_SERVER=gunicorn`` (docs/operations.md).

granian is the site's server (partnership/core/serve_command.py); gunicorn stays
runnable for one release. Both read HOST, PORT, WEB_WORKERS and WEB_THREADS the same way.
"""

import os

from partnership.core.serve_command import serve_settings

_settings = serve_settings({**os.environ, "WEB_SERVER": "gunicorn"})
bind = f"{_settings.host}:{_settings.port}"
workers = _settings.workers
worker_class = "gthread"
threads = _settings.threads
# The master imports the site once and forks ready workers: a worker starts (or is
# recycled) in milliseconds instead of importing Django again, and the code pages
# are shared between workers.
preload_app = True
# Recycle workers now and then so slow leaks cannot grow without bound.
max_requests = 20_000
max_requests_jitter = 2_000
timeout = 30
graceful_timeout = 10
keepalive = 5
# Forwarded headers are judged by partnership.core.wsgi against TRUSTED_PROXIES.
forwarded_allow_ips = ""
# The access log is the application's own (kept briefly, outside the database).
accesslog = None
errorlog = "-"
limit_request_line = 8190
limit_request_fields = 100
# gunicorn's control socket defaults to one shared path per user; nothing uses it.
control_socket_disable = True


def when_ready(server: object) -> None:
    """Runs in the master after the site is imported and before any worker is forked.

    Importing the site opens no database connection; should a change ever make it
    open one, it is closed here, so no two workers share one.
    """
    from django.db import connections

    connections.close_all()
